//! Context → report documents. One file per format; Markdown is the source of the others.

pub mod markdown;
pub mod pdf;

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
