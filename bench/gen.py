#!/usr/bin/env python3
"""Generates the benchmark sites: a kohyo site with N versions and the equivalent Hugo site.

Each version is the seed notice (content/versions/2024-04-01 of this repository) with one small,
deterministic edit against the version before: a purpose added, reworded or removed, a
measure reworded, or the phone number changed. Usage: gen.py REPO N OUT_DIR
"""
import datetime
import os
import re
import sys

import tomllib

repo, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
seed_path = os.path.join(repo, "content/versions/2024-04-01/notice.toml")
with open(seed_path, "rb") as f:
    seed = tomllib.load(f)


def q(s):
    """A TOML basic string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def edit(state, i):
    """Applies the i-th edit to the state (rows, measures, phone)."""
    rows, measures = state["rows"], state["measures"]
    kind = i % 5
    r = rows[i % len(rows)]
    if kind == 0:
        r[1].append(f"通知{i}号に基づく事務")
    elif kind == 1 and r[1]:
        j = i % len(r[1])
        r[1][j] = re.sub(r"(の)?(管理|実施|発行|支払)?$", lambda m: f"の適正な{m.group(2) or '処理'}", r[1][j], count=1)[:60]
    elif kind == 2 and len(r[1]) > 1:
        r[1].pop(i % len(r[1]))
    elif kind == 3:
        m = measures[i % len(measures)]
        m[1] = m[1].replace("しています。", f"しています（第{i}次改定）。", 1) if "第" not in m[1] else re.sub(r"第\d+次", f"第{i}次", m[1])
    else:
        state["phone"] = f"022-235-{5896 + i % 4000:04d}"


def notice_toml(v, date, summary):
    s = v["sections"]
    lines = [f"effective = {date}", f"summary = {q(summary)}", f"title = {q(seed['title'])}", ""]
    for sec in s:
        lines += ["[[sections]]"]
        for k in ("id", "number", "heading"):
            if k in sec:
                lines.append(f"{k} = {q(sec[k])}")
        lines.append("")
        for b in sec.get("blocks", []):
            lines += ["[[sections.blocks]]", f"type = {q(b['type'])}"]
            if b["type"] == "purposes":
                lines.append("")
                for cat, purposes in v["rows"]:
                    lines += ["[[sections.blocks.rows]]", f"category = {q(cat)}", "purposes = [" + ", ".join(q(p) for p in purposes) + "]", ""]
            elif b["type"] == "measures":
                lines.append("")
                for cat, text in v["measures"]:
                    lines += ["[[sections.blocks.rows]]", f"category = {q(cat)}", f"text = {q(text)}", ""]
            elif b["type"] == "contact":
                for k in ("role", "name", "postal_code", "address"):
                    lines.append(f"{k} = {q(b[k])}")
                lines += [f"phone = {q(v['phone'])}", ""]
            else:
                for k, val in b.items():
                    if k == "type":
                        continue
                    if isinstance(val, list):
                        lines.append(f"{k} = [" + ", ".join(q(x) for x in val) + "]")
                    else:
                        lines.append(f"{k} = {q(val)}")
                lines.append("")
    return "\n".join(lines) + "\n"


def hugo_page(v, date, summary):
    """The same notice as one Markdown page for Hugo."""
    md = [f"---\ntitle: {q(seed['title'])}\ndate: {date}\nsummary: {q(summary)}\n---\n"]
    for sec in v["sections"]:
        md.append(f"## {sec.get('number', '')} {sec['heading']}\n")
        for b in sec.get("blocks", []):
            t = b["type"]
            if t == "text":
                md.append(b["text"].strip() + "\n")
            elif t == "purposes":
                md.append("| 個人情報の類型 | 利用目的 |\n|---|---|")
                md += [f"| {c} | {'、'.join(p)} |" for c, p in v["rows"]]
                md.append("")
            elif t == "measures":
                md.append("| 区分 | 内容 |\n|---|---|")
                md += [f"| {c} | {x} |" for c, x in v["measures"]]
                md.append("")
            elif t == "note":
                md.append("※" + b["text"] + "\n")
                md += [f"- ({i + 1}){x}" for i, x in enumerate(b.get("items", []))]
                md.append("")
            elif t == "contact":
                md.append(f"{b['name']}\n\n〒{b['postal_code']} {b['address']}\n\n電話：{v['phone']}\n")
    return "\n".join(md)


kohyo = os.path.join(out, "kohyo")
hugo = os.path.join(out, "hugo")
os.makedirs(os.path.join(kohyo, "content/versions"), exist_ok=True)
for d in ("content/versions", "layouts/_default"):
    os.makedirs(os.path.join(hugo, d), exist_ok=True)
with open(os.path.join(repo, "site.toml")) as f:
    site_toml = f.read()
with open(os.path.join(kohyo, "site.toml"), "w") as f:
    f.write(site_toml)

state = {
    "sections": seed["sections"],
    "rows": [[r["category"], list(r["purposes"])] for s in seed["sections"] for b in s.get("blocks", []) if b["type"] == "purposes" for r in b["rows"]],
    "measures": [[r["category"], r["text"]] for s in seed["sections"] for b in s.get("blocks", []) if b["type"] == "measures" for r in b["rows"]],
    "phone": "022-235-5896",
}
date = datetime.date(2000, 1, 1)
for i in range(n):
    if i > 0:
        edit(state, i)
    d = date.isoformat()
    summary = "初版" if i == 0 else f"第{i}次改定"
    vdir = os.path.join(kohyo, "content/versions", d)
    os.makedirs(vdir, exist_ok=True)
    with open(os.path.join(vdir, "notice.toml"), "w") as f:
        f.write(notice_toml(state, d, summary))
    with open(os.path.join(hugo, "content/versions", f"{d}.md"), "w") as f:
        f.write(hugo_page(state, d, summary))
    date += datetime.timedelta(days=1 if n > 5000 else 7)

# Hugo: the home page shows the latest version, a list page shows all versions.
with open(os.path.join(hugo, "hugo.toml"), "w") as f:
    f.write('baseURL = "https://example.or.jp/kojin-joho/"\nlanguageCode = "ja"\ntitle = "個人情報保護法に基づく公表事項"\n'
            'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n')
base = ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
        '<body><nav><a href="{{ "/" | relURL }}">現行</a> <a href="{{ "/versions/" | relURL }}">改定履歴</a></nav>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>')
layouts = {
    "_default/baseof.html": base,
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><p>施行日 {{ .Date.Format "2006-01-02" }}：{{ .Params.summary }}</p>{{ .Content }}{{ end }}',
    "_default/list.html": '{{ define "main" }}<h1>改定履歴</h1><table>{{ range .Pages.ByDate.Reverse }}<tr><td><a href="{{ .RelPermalink }}">{{ .Date.Format "2006-01-02" }}</a></td><td>{{ .Params.summary }}</td></tr>{{ end }}</table>{{ end }}',
    "index.html": '{{ define "main" }}{{ with index (where .Site.RegularPages "Section" "versions").ByDate.Reverse 0 }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}{{ end }}',
}
for rel, text in layouts.items():
    p = os.path.join(hugo, "layouts", rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
print(f"generated {n} versions in {out}")
