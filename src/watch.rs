//! `planwright watch`: what to watch for a plan (the plan, the template folder, the theme)
//! and a debounced stream of the changes that concern it, through `notify`.
//!
//! Editors save in bursts (a temporary file, a rename, a second write): changes within
//! [`DEBOUNCE`] of each other are one change. Reading a file is no change (the render reads
//! the plan: counting that would loop). The watch itself never renders; the caller does, so
//! the last good report stays in place when a plan is broken.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::error::Error;

/// Changes closer together than this are one change.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// What a report is made from, on disk.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The plan file.
    pub plan: PathBuf,
    /// The template folder, if any.
    pub templates: Option<PathBuf>,
    /// The theme file, if it is a file (a built-in example's name is not).
    pub theme: Option<PathBuf>,
}

impl Sources {
    /// The sources with absolute, resolved paths (notify reports those).
    pub fn resolve(
        plan: &Path,
        templates: Option<&Path>,
        theme: Option<&Path>,
    ) -> Result<Self, Error> {
        let real = |p: &Path| {
            p.canonicalize().map_err(|source| Error::Read { path: p.to_path_buf(), source })
        };
        Ok(Self {
            plan: real(plan)?,
            templates: templates.map(real).transpose()?,
            theme: theme.filter(|t| t.is_file()).map(real).transpose()?,
        })
    }

    /// The folders to watch: the plan's and the theme's (their files are often replaced,
    /// not written in place, so the folder is watched and the file picked out), and the
    /// template folder with everything below it.
    fn roots(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut out: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for file in [Some(&self.plan), self.theme.as_ref()].into_iter().flatten() {
            if let Some(dir) = file.parent() {
                out.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        if let Some(t) = &self.templates {
            out.push((t.clone(), RecursiveMode::Recursive));
        }
        out.sort();
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    /// Whether a change at `path` changes the report.
    pub fn concerns(&self, path: &Path) -> bool {
        path == self.plan
            || self.theme.as_deref() == Some(path)
            || self.templates.as_deref().is_some_and(|t| path.starts_with(t))
    }
}

/// What a wait for changes ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// These sources changed.
    Changed(Vec<PathBuf>),
    /// Nothing that concerns the report changed in time.
    Quiet,
    /// The watcher has stopped (it cannot report changes any more).
    Stopped,
}

/// A running watch over a plan's sources.
pub struct Watch {
    sources: Sources,
    events: Receiver<notify::Result<Event>>,
    // kept alive: dropping it stops the watch
    _watcher: RecommendedWatcher,
}

impl Watch {
    /// Starts watching.
    pub fn start(sources: Sources) -> Result<Self, Error> {
        let (tx, events) = channel();
        let failed = |e: notify::Error, path: &Path| Error::Watch {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| failed(e, &sources.plan))?;
        for (dir, mode) in sources.roots() {
            watcher.watch(&dir, mode).map_err(|e| failed(e, &dir))?;
        }
        Ok(Self { sources, events, _watcher: watcher })
    }

    /// What is watched.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Waits up to `timeout` for changes that concern the report, then for the burst to
    /// end ([`DEBOUNCE`] without another change).
    pub fn next(&self, timeout: Duration) -> Next {
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(Ok(event)) => {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    let before = paths.len();
                    paths.extend(event.paths.into_iter().filter(|p| self.sources.concerns(p)));
                    if paths.len() > before {
                        // a change: wait for the burst to settle
                        deadline = std::time::Instant::now() + DEBOUNCE;
                    }
                }
                // an error of the watcher (a folder removed): keep watching what is left
                Ok(Err(_)) => {}
                Err(RecvTimeoutError::Timeout) if paths.is_empty() => return Next::Quiet,
                Err(RecvTimeoutError::Timeout) => {
                    paths.sort();
                    paths.dedup();
                    return Next::Changed(paths);
                }
                Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
            }
        }
    }
}
