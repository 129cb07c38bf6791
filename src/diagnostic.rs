//! Problems found in a plan → diagnostics people can act on (file, line, column, hint).
//!
//! Diagnostics are plain data; drawing them with a source snippet is done by
//! `codespan-reporting` in [`Diagnostics::render`], so the library never prints.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

use crate::messages::Catalog;
use crate::model::Locale;
use crate::tr;

/// How bad a problem is: errors stop the render, warnings travel beside the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report is still written; `--strict` turns it into a failure.
    Warning,
    /// Nothing is written.
    Error,
}

/// A place in the plan's source: byte range plus the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
}

/// One problem in a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, one line, lowercase.
    pub message: String,
    /// Key path such as `targets.breakdowns[0].items[3].amount`; empty for the whole file.
    pub path: String,
    /// Where in the source, when known.
    pub span: Option<Span>,
    /// Short text under the carets.
    pub label: String,
    /// What to write instead.
    pub hints: Vec<String>,
    /// Background, such as the YAML parser's own words.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(message: impl Into<String>, path: impl Into<String>, span: Option<Span>) -> Self {
        Self::new(Severity::Error, message, path, span)
    }

    /// A warning at `span`.
    pub fn warning(
        message: impl Into<String>,
        path: impl Into<String>,
        span: Option<Span>,
    ) -> Self {
        Self::new(Severity::Warning, message, path, span)
    }

    fn new(
        severity: Severity,
        message: impl Into<String>,
        path: impl Into<String>,
        span: Option<Span>,
    ) -> Self {
        Self {
            severity,
            message: message.into(),
            path: path.into(),
            span,
            label: String::new(),
            hints: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Adds a note below the hints.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds the text shown under the carets.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a `hint:` line saying what to write instead.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// `line:col` of the start, for tests and one-line summaries.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.span.map(|s| (s.line, s.col))
    }
}

/// All problems found in one plan file, with the source they point into.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    /// The file name as the user gave it.
    pub file: String,
    /// The plan's text, for snippets.
    pub source: String,
    /// Problems in the order found, errors and warnings mixed.
    pub items: Vec<Diagnostic>,
    /// The language the notes around each message are drawn in (the plan's).
    pub locale: Locale,
}

impl Diagnostics {
    /// An empty list for `file`.
    pub fn new(file: impl Into<String>, source: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            source: source.into(),
            items: Vec::new(),
            locale: Locale::default(),
        }
    }

    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// True when at least one error was found.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// Sorts by position so the output reads top to bottom.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| d.span.map(|s| s.start).unwrap_or(usize::MAX));
    }

    /// Draws every diagnostic with a source snippet and carets, as plain text.
    pub fn render(&self) -> String {
        let file = SimpleFile::new(self.file.as_str(), self.source.as_str());
        let config = term::Config::default();
        let cat = Catalog::new(self.locale);
        let mut out = String::new();
        for d in &self.items {
            let mut cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            }
            .with_message(&d.message);
            if let Some(span) = d.span {
                let end = span.end.max(span.start).min(self.source.len());
                let start = span.start.min(end);
                cs = cs.with_labels(vec![Label::primary((), start..end).with_message(&d.label)]);
            }
            let mut notes = Vec::new();
            if d.span.is_none() {
                // No snippet to carry the file name: say it in a note.
                notes.push(tr!(cat, "note.in-file", file = self.file));
            }
            if !d.path.is_empty() {
                notes.push(tr!(cat, "note.at-path", path = d.path));
            }
            notes.extend(d.hints.iter().map(|h| tr!(cat, "note.hint", hint = h)));
            notes.extend(d.notes.iter().cloned());
            cs = cs.with_notes(notes);
            match term::emit_into_string(&config, &file, &cs) {
                // codespan writes the severity in English: say it in the catalog's words.
                Ok(text) => {
                    let (word, key) = match d.severity {
                        Severity::Error => ("error: ", "note.error"),
                        Severity::Warning => ("warning: ", "note.warning"),
                    };
                    match text.strip_prefix(word) {
                        Some(rest) => {
                            out.push_str(&cat.t(key, &[]));
                            out.push_str(rest);
                        }
                        None => out.push_str(&text),
                    }
                }
                // Only a span outside the file can fail here; keep the message anyway.
                Err(_) => {
                    let pos = d.position().map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
                    let sev = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    out.push_str(&format!("{sev}: {} ({}{pos})\n", d.message, self.file));
                }
            }
        }
        out
    }
}
