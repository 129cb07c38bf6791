//! The compiled Tera instance: compiled once, on first use, or ahead of it on a thread the
//! caller has to spare ([`Compiled::warm`]) while the plan is read and checked.
//!
//! Compiling the built-in templates takes about 3 ms, as long as reading, checking and
//! charting a plan; the two need nothing of each other until the Markdown is rendered, so a
//! single report overlaps them (`docs/performance.md`). The caller chooses the thread: the
//! CLI hands the compile to its rayon pool, whose second thread would otherwise start idle
//! (a thread of its own made three busy threads on two cores, and the one that waited was
//! often the main one).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

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

/// The templates compiled, or a compile not yet run.
pub struct Compiled {
    inner: Arc<Inner>,
}

/// What [`Compiled`] shares with a compile run ahead of use.
struct Inner {
    done: OnceLock<Result<Tera, Failure>>,
    /// Some thread has begun (or finished) the compile: others wait for it rather than
    /// start it (a hint; `done` alone keeps the compile to one run).
    claimed: AtomicBool,
    compile: Box<dyn Fn() -> Result<Tera, Failure> + Send + Sync>,
}

impl Inner {
    /// Compiles here if no thread has begun to; false when one has (it may still run).
    fn claim(&self) -> bool {
        let ours = !self.claimed.swap(true, Ordering::Relaxed);
        if ours {
            self.result();
        }
        ours
    }

    /// The compile's result: compiled here by whichever caller comes first; a caller that
    /// comes while it runs waits for it. A panicking compile is a [`Failure`], not a panic.
    fn result(&self) -> &Result<Tera, Failure> {
        self.claimed.store(true, Ordering::Relaxed);
        self.done.get_or_init(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.compile)()))
                .unwrap_or_else(|_| Err(stopped()))
        })
    }
}

impl Compiled {
    /// Templates compiled already.
    pub fn ready(result: Result<Tera, Failure>) -> Self {
        let inner = Inner {
            done: OnceLock::from(result),
            claimed: AtomicBool::new(true),
            compile: Box::new(|| Err(stopped())),
        };
        Self { inner: Arc::new(inner) }
    }

    /// Templates that `compile` compiles on first use (or when [`Compiled::warm`] runs).
    pub fn lazy(compile: impl Fn() -> Result<Tera, Failure> + Send + Sync + 'static) -> Self {
        let inner = Inner {
            done: OnceLock::new(),
            claimed: AtomicBool::new(false),
            compile: Box::new(compile),
        };
        Self { inner: Arc::new(inner) }
    }

    /// A job that compiles the templates now, for a thread that is free: the first use
    /// then finds them compiled, or waits for the compile under way. Running it after a
    /// use, or once another thread has begun the compile, does nothing.
    pub fn warm(&self) -> impl FnOnce() + Send + 'static + use<> {
        let inner = Arc::clone(&self.inner);
        move || {
            inner.claim();
        }
    }

    /// Compiles here if no thread has begun to; false when one has (it may still run).
    pub fn compile_unless_claimed(&self) -> bool {
        self.inner.claim()
    }

    /// True once the compile has ended (well or not): [`Compiled::get`] will not wait.
    pub fn is_done(&self) -> bool {
        self.inner.done.get().is_some()
    }

    /// The Tera instance, compiled the first time (or waited for, when a warm-up runs).
    pub fn get(&self) -> Result<&Tera, Error> {
        self.inner.result().as_ref().map_err(Failure::error)
    }
}

/// The compile ended without a result (it panicked).
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

    fn one_template() -> Result<Tera, Failure> {
        let mut t = Tera::new();
        t.add_raw_template("a", "{{ 1 + 1 }}").map_err(|e| Failure {
            name: "a".into(),
            message: e.to_string(),
            place: Box::default(),
        })?;
        Ok(t)
    }

    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

    /// A lazy compile of [`one_template`] taking `millis`, and how many times it ran.
    fn counted(millis: u64) -> (Compiled, Arc<AtomicUsize>) {
        let runs = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&runs);
        let c = Compiled::lazy(move || {
            counter.fetch_add(1, SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(millis));
            one_template()
        });
        (c, runs)
    }

    #[test]
    fn a_lazy_compile_runs_on_first_use_and_is_kept() {
        let (c, runs) = counted(0);
        assert_eq!(runs.load(SeqCst), 0, "nothing compiled yet");
        let tera = c.get().expect("compiled");
        assert_eq!(tera.render("a", &tera::Context::new()).expect("renders"), "2");
        assert!(std::ptr::eq(tera, c.get().expect("again")), "compiled once");
        c.warm()();
        assert_eq!(runs.load(SeqCst), 1, "a late warm-up does nothing");
    }

    #[test]
    fn a_warm_up_on_another_thread_is_waited_for_and_used() {
        let (c, runs) = counted(50);
        let warm = std::thread::spawn(c.warm());
        // the use either waits for the warm-up under way or compiles first; once in all
        let tera = c.get().expect("compiled");
        assert_eq!(tera.render("a", &tera::Context::new()).expect("renders"), "2");
        warm.join().expect("warm-up ends");
        assert_eq!(runs.load(SeqCst), 1);
    }

    #[test]
    fn a_compile_another_thread_has_begun_is_not_started_again() {
        let (c, runs) = counted(50);
        assert!(c.compile_unless_claimed(), "unclaimed: compiled here");
        assert!(!c.compile_unless_claimed(), "claimed already");
        c.warm()();
        assert_eq!(runs.load(SeqCst), 1);
        let (c, runs) = counted(50);
        let warm = std::thread::spawn(c.warm());
        while !c.inner.claimed.load(SeqCst) {
            std::thread::yield_now();
        }
        assert!(!c.compile_unless_claimed(), "the warm-up has it");
        assert!(c.get().is_ok());
        warm.join().expect("warm-up ends");
        assert_eq!(runs.load(SeqCst), 1);
    }

    #[test]
    fn a_failed_compile_is_an_error_on_every_use() {
        let c = Compiled::lazy(|| {
            Err(Failure { name: "x.md".into(), message: "bad".into(), place: Box::default() })
        });
        c.warm()();
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
        let c = Compiled::lazy(|| panic!("boom"));
        std::thread::spawn(c.warm()).join().expect("the warm-up does not panic");
        assert!(matches!(c.get(), Err(Error::Template { .. })));
    }
}
