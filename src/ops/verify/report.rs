//! The findings of a verification, as data: what checked out, what did not, what could not
//! be proven.

/// The findings of a verification.
#[derive(Debug, Default)]
pub struct Report {
    /// What checked out.
    pub ok: Vec<String>,
    /// What did not.
    pub failed: Vec<String>,
    /// What could not be proven (no failure, but no proof either).
    pub unproven: Vec<String>,
}

impl Report {
    /// Adds a line of what did not check out.
    pub fn fail(&mut self, line: impl Into<String>) {
        self.failed.push(line.into());
    }

    /// Adds a line of what could not be proven.
    pub fn unproven(&mut self, line: impl Into<String>) {
        self.unproven.push(line.into());
    }

    /// Adds another report's lines.
    pub fn extend(&mut self, other: Report) {
        self.ok.extend(other.ok);
        self.failed.extend(other.failed);
        self.unproven.extend(other.unproven);
    }
}
