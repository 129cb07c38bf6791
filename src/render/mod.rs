//! Context → report documents. One file per format; Markdown is the source of the others.

pub mod html;
pub mod markdown;
pub mod pdf;

/// A chart drawn for one report: placed by templates, written as a file next to the
/// Markdown, inlined into the HTML.
#[derive(Debug, Clone)]
pub struct RenderedChart {
    /// File stem, unique in the report (`budget`, `breakdown-1`).
    pub id: String,
    /// Title, shown as caption.
    pub title: String,
    /// Text alternative.
    pub description: String,
    /// The SVG document.
    pub svg: String,
    /// The narrow layout for phones (HTML only; empty when not drawn).
    pub narrow: String,
}

impl RenderedChart {
    /// Path relative to the report's folder, as the Markdown links it.
    pub fn file(&self) -> String {
        crate::charts::file_of(&self.id)
    }
}

/// One file of a rendered report, relative to the report's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path (`annual.md`, `charts/budget.svg`).
    pub path: std::path::PathBuf,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Output formats a user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// Self-contained HTML page.
    Html,
    /// Print-ready PDF.
    Pdf,
}

impl Format {
    /// Parses `md`, `html` or `pdf`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "html" => Some(Self::Html),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Pdf => "pdf",
        }
    }
}
