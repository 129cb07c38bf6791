//! The look of a report as a file: `theme.toml` (or `theme.yaml`) in a template folder, in
//! a template set's folder, or named with `--theme`. It sets everything the PDF's page,
//! type, colours, tables, cover, running header and footer hold, the charts' palette, the
//! HTML page's palette, the CJK spacing rule, the PDF's fonts and the chapter layout.
//!
//! A file sets only the keys it names; themes stack: the built-in defaults, then the
//! template folder's `theme.toml`, then the set's `<set>/theme.toml`, then `--theme`.
//! The keys are declared once in [`keys::KEYS`]: reading, the commented default theme and
//! the documentation all come from there.

pub mod color;
mod export;
pub mod keys;
mod read;

use std::path::{Path, PathBuf};

pub use color::Rgb;
pub use export::{default_toml, reference_markdown, to_toml};
pub use read::{Setting, fmt_num};

use crate::charts::Palette;
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::messages::Catalog;
use crate::render::pdf;
use crate::text::CjkSpacing;

/// Built-in example themes, by name (`--theme print`), also written by `templates export`.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("print", include_str!("../../templates/themes/print.toml")),
    ("colorful", include_str!("../../templates/themes/colorful.toml")),
];

/// The colours of the HTML page (CSS custom properties of `html/style.css`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPalette {
    /// Text.
    pub ink: Rgb,
    /// Secondary text.
    pub muted: Rgb,
    /// Rules and borders.
    pub line: Rgb,
    /// Light backgrounds.
    pub soft: Rgb,
    /// Links and accents.
    pub accent: Rgb,
    /// The cover band's tint.
    pub cover: Rgb,
    /// Status chip: on track.
    pub on: Rgb,
    /// Its background.
    pub on_bg: Rgb,
    /// Status chip: at risk.
    pub risk: Rgb,
    /// Its background.
    pub risk_bg: Rgb,
    /// Status chip: off track.
    pub off: Rgb,
    /// Its background.
    pub off_bg: Rgb,
    /// Status chip: pending.
    pub pending: Rgb,
    /// Its background.
    pub pending_bg: Rgb,
}

impl Default for HtmlPalette {
    /// The values `html/style.css` declares.
    fn default() -> Self {
        Self {
            ink: Rgb(0x1f, 0x29, 0x37),
            muted: Rgb(0x6b, 0x72, 0x80),
            line: Rgb(0xe5, 0xe7, 0xeb),
            soft: Rgb(0xf6, 0xf7, 0xf9),
            accent: Rgb(0x1d, 0x4e, 0xd8),
            cover: Rgb(0xee, 0xf2, 0xff),
            on: Rgb(0x15, 0x80, 0x3d),
            on_bg: Rgb(0xdc, 0xfc, 0xe7),
            risk: Rgb(0xb4, 0x53, 0x09),
            risk_bg: Rgb(0xfe, 0xf3, 0xc7),
            off: Rgb(0xb9, 0x1c, 0x1c),
            off_bg: Rgb(0xfe, 0xe2, 0xe2),
            pending: Rgb(0x4b, 0x55, 0x63),
            pending_bg: Rgb(0xf3, 0xf4, 0xf6),
        }
    }
}

impl HtmlPalette {
    /// A `:root { … }` rule for the colours that differ from the stylesheet's own; empty
    /// when none does (the page then is exactly the stylesheet's).
    pub fn css(&self) -> String {
        let base = keys::html_vars(&HtmlPalette::default());
        let vars: Vec<String> = keys::html_vars(self)
            .iter()
            .zip(base)
            .filter(|(now, was)| now.1 != was.1)
            .map(|((name, c), _)| format!("--{name}: {};", c.hex()))
            .collect();
        if vars.is_empty() { String::new() } else { format!(":root {{ {} }}", vars.join(" ")) }
    }
}

/// Where chapters go: `order` first (in that order), the rest after in their usual order,
/// without those in `omit`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Chapter ids to place first.
    pub order: Vec<String>,
    /// Chapter ids to leave out.
    pub omit: Vec<String>,
}

/// The PDF's fonts as a theme names them: paths (resolved against the theme file's folder
/// when read), empty for the bundled ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct FontFiles {
    /// The regular face.
    pub regular: String,
    /// The bold face (empty: the regular one).
    pub bold: String,
}

/// Everything a theme decides.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    /// The PDF's page, type, colours, tables, cover, header and footer.
    pub pdf: pdf::Theme,
    /// The charts' colours.
    pub charts: Palette,
    /// The HTML page's colours.
    pub html: HtmlPalette,
    /// Chapter order and omissions.
    pub layout: Layout,
    /// The PDF's fonts.
    pub fonts: FontFiles,
    /// The spacing rule between Chinese and Latin text; none: the `cjk_spacing` label
    /// (kept for template folders written before themes), else `tight`.
    pub cjk_spacing: Option<CjkSpacing>,
}

impl Theme {
    /// Applies the settings of one file, in order.
    pub fn apply(&mut self, settings: &[Setting]) {
        for s in settings {
            (s.key.set)(self, s.value.clone());
        }
    }
}

/// A theme file read and checked.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Where it was read from (or the built-in example's name).
    pub path: PathBuf,
    /// What it sets; font paths already resolved against its folder.
    pub settings: Vec<Setting>,
}

impl ThemeFile {
    /// Parses a theme's text; `path` names it in errors and anchors its font paths.
    pub fn parse(path: &Path, text: &str, cat: &Catalog) -> Result<Self, Error> {
        let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let mut settings = read::settings(text, yaml, cat).map_err(|items| {
            let mut d = Diagnostics::new(path.display().to_string(), text);
            d.locale = cat.locale();
            d.items = items;
            d.sort();
            Error::Theme { path: path.to_path_buf(), report: d.render() }
        })?;
        let dir = path.parent().unwrap_or(Path::new(""));
        for s in &mut settings {
            if let (keys::Kind::Path, keys::Val::Text(p)) = (s.key.kind, &mut s.value)
                && !p.is_empty()
            {
                *p = dir.join(&*p).display().to_string();
            }
        }
        Ok(Self { path: path.to_path_buf(), settings })
    }

    /// Reads a theme file; a bare name (`print`) that is no file names a built-in example.
    pub fn load(path: &Path, cat: &Catalog) -> Result<Self, Error> {
        if !path.exists()
            && let Some(name) = path.to_str()
            && let Some((_, text)) = EXAMPLES.iter().find(|(n, _)| *n == name)
        {
            return Self::parse(Path::new(name), text, cat);
        }
        let bytes = crate::read_bounded(path, crate::limits::MAX_TEMPLATE_FILE_BYTES)?;
        let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(path.to_path_buf()))?;
        Self::parse(path, text.strip_prefix('\u{feff}').unwrap_or(&text), cat)
    }
}

#[cfg(test)]
mod tests;
