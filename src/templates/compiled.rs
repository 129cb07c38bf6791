//! The compiled Tera instance, built on a helper thread while the plan is read and checked.
//!
//! Compiling the built-in templates takes about 3 ms, as long as reading, checking and
//! charting a plan; the two need nothing of each other until the Markdown is rendered, so a
//! single report overlaps them (`docs/performance.md`).

use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

use tera::Tera;

use crate::error::Error;

/// Why the templates did not compile, kept to report it on every use.
#[derive(Debug, Clone)]
pub struct Failure {
    pub name: String,
    pub message: String,
    pub place: Box<crate::error::Place>,
}

impl Failure {
    pub fn error(&self) -> Error {
        Error::Template {
            name: self.name.clone(),
            message: self.message.clone(),
            place: self.place.clone(),
        }
    }
}

/// The templates compiled, or being compiled.
pub struct Compiled {
    done: OnceLock<Result<Tera, Failure>>,
    running: Mutex<Option<JoinHandle<Result<Tera, Failure>>>>,
}

impl Compiled {
    /// Templates compiled already.
    pub fn ready(result: Result<Tera, Failure>) -> Self {
        Self { done: OnceLock::from(result), running: Mutex::new(None) }
    }

    /// Starts `compile` on a helper thread (or runs it here when no thread can be had).
    pub fn start(compile: impl Fn() -> Result<Tera, Failure> + Send + Sync + 'static) -> Self {
        let job = std::sync::Arc::new(compile);
        let theirs = std::sync::Arc::clone(&job);
        match std::thread::Builder::new().name("templates".into()).spawn(move || theirs()) {
            Ok(handle) => Self { done: OnceLock::new(), running: Mutex::new(Some(handle)) },
            Err(_) => Self::ready(job()),
        }
    }

    /// The Tera instance, waiting for the helper thread the first time.
    pub fn get(&self) -> Result<&Tera, Error> {
        let result = self.done.get_or_init(|| {
            let handle = self.running.lock().ok().and_then(|mut h| h.take());
            match handle.map(JoinHandle::join) {
                Some(Ok(result)) => result,
                _ => Err(stopped()),
            }
        });
        result.as_ref().map_err(Failure::error)
    }
}

/// The helper thread ended without a result (it panicked).
fn stopped() -> Failure {
    Failure {
        name: String::new(),
        message: "the template compiler stopped unexpectedly".into(),
        place: Box::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_background_compile_is_waited_for_and_kept() {
        let c = Compiled::start(|| {
            let mut t = Tera::new();
            t.add_raw_template("a", "{{ 1 + 1 }}").map_err(|e| Failure {
                name: "a".into(),
                message: e.to_string(),
                place: Box::default(),
            })?;
            Ok(t)
        });
        let tera = c.get().expect("compiled");
        assert_eq!(tera.render("a", &tera::Context::new()).expect("renders"), "2");
        assert!(std::ptr::eq(tera, c.get().expect("again")), "compiled once");
    }

    #[test]
    fn a_failed_compile_is_an_error_on_every_use() {
        let c = Compiled::start(|| {
            Err(Failure { name: "x.md".into(), message: "bad".into(), place: Box::default() })
        });
        for _ in 0..2 {
            match c.get() {
                Err(Error::Template { name, message, .. }) => {
                    assert_eq!((name.as_str(), message.as_str()), ("x.md", "bad"));
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_panicking_compile_is_an_error_not_a_panic() {
        let c = Compiled::start(|| panic!("boom"));
        assert!(matches!(c.get(), Err(Error::Template { .. })));
    }
}
