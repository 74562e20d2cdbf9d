//! Content loading: any text given as a version's notice.toml is either a list of diagnostics
//! or a notice that renders, hashes and compares with itself as unchanged; never a panic.
#![no_main]

use kohyo::content::parse_notice;
use kohyo::publication::Publication;
use kohyo::model::{Status, Version};
use kohyo::values::{DateStyle, VersionId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let id: VersionId = "2024-04-01".parse().unwrap();
    match parse_notice(text, id) {
        Err(diags) => {
            for d in &diags {
                let _ = d.render(false);
            }
        }
        Ok(notice) => {
            let version = Version {
                id,
                notice,
                origin: None,
                files: Vec::new(),
            };
            let _ = kohyo::render::view::version_view(
                &version,
                Status::Current,
                &Publication::Draft,
                "../../",
                "",
                DateStyle::default(),
                "versions/2024-04-01/",
            );
            let _ = kohyo::lock::content_hash(&version.notice);
            assert!(kohyo::diff::diff(&version.notice, &version.notice).is_empty());
        }
    }
});
