//! Keeping the findings up to date without stuttering: the rules run on
//! the UI thread while a check fits comfortably in a frame, and on a worker
//! thread once one does not.
//!
//! The policy is measured, not guessed: every check records how long it
//! took. While the last check took at most the budget (a fraction of a
//! 60 Hz frame), the next one runs inline, so the findings change in the
//! same frame as the edit. Once a check takes longer, the next ones go to a
//! worker thread with a copy of the diagram; the editor keeps showing the
//! previous findings with a "checking…" note until the worker answers, and
//! the worker wakes the UI through a callback when it does. When background
//! checks become fast again (the diagram shrank), checking goes back inline.

use crate::model::Diagram;
use crate::rules::{self, Report};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

/// How long an inline check may take before the next one goes to the
/// worker: half of a 60 Hz frame, leaving the other half for drawing.
pub const INLINE_BUDGET: Duration = Duration::from_millis(8);

/// Called by the worker when it has a result, to wake the UI (which then
/// collects it with [`Checker::poll`]).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// A finished check.
#[derive(Debug)]
pub struct Checked {
    /// The document revision the report belongs to.
    pub revision: u64,
    /// The findings.
    pub report: Report,
    /// How long the check took.
    pub took: Duration,
}

/// A diagram waiting for the worker.
struct Job {
    revision: u64,
    diagram: Diagram,
}

/// The worker thread's two ends, kept while the checker lives; dropping
/// the job sender ends the thread.
struct Worker {
    jobs: Sender<Job>,
    results: Receiver<Checked>,
}

impl Worker {
    fn spawn(wake: Option<Wake>) -> Option<Worker> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel::<Checked>();
        thread::Builder::new()
            .name("seams-rules".into())
            .spawn(move || work(&job_rx, &result_tx, wake.as_ref()))
            .ok()?;
        Some(Worker { jobs, results })
    }
}

/// The worker's loop: take the newest job (older ones are outdated), check
/// it, hand the result back, wake the UI.
fn work(jobs: &Receiver<Job>, results: &Sender<Checked>, wake: Option<&Wake>) {
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let started = Instant::now();
        let report = rules::check(&job.diagram);
        let checked = Checked {
            revision: job.revision,
            report,
            took: started.elapsed(),
        };
        if results.send(checked).is_err() {
            return;
        }
        if let Some(wake) = wake {
            wake();
        }
    }
}

/// Decides where each check runs and carries background results back.
pub struct Checker {
    budget: Duration,
    last_took: Duration,
    wake: Option<Wake>,
    worker: Option<Worker>,
    /// The newest revision handed to the worker and not yet answered.
    waiting_for: Option<u64>,
    /// Whether finished background results are held back.
    held: bool,
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("budget", &self.budget)
            .field("last_took", &self.last_took)
            .field("waiting_for", &self.waiting_for)
            .finish_non_exhaustive()
    }
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new(INLINE_BUDGET)
    }
}

impl Checker {
    /// A checker that runs checks inline while they take at most `budget`.
    /// (`Duration::ZERO` sends every check after the first to the worker.)
    #[must_use]
    pub fn new(budget: Duration) -> Self {
        Checker {
            budget,
            last_took: Duration::ZERO,
            wake: None,
            worker: None,
            waiting_for: None,
            held: false,
        }
    }

    /// Sets what the worker calls when a result is ready.
    pub fn set_wake(&mut self, wake: Wake) {
        self.wake = Some(wake);
        // A worker already running keeps its old callback; the next one
        // gets the new one.
        self.worker = None;
    }

    /// Whether a wake callback is set.
    #[must_use]
    pub fn has_wake(&self) -> bool {
        self.wake.is_some()
    }

    /// Changes the inline budget.
    pub fn set_budget(&mut self, budget: Duration) {
        self.budget = budget;
    }

    /// Whether a background check is running or queued.
    #[must_use]
    pub fn is_checking(&self) -> bool {
        self.waiting_for.is_some()
    }

    /// Whether the worker already has `revision`.
    #[must_use]
    pub fn is_checking_revision(&self, revision: u64) -> bool {
        self.waiting_for == Some(revision)
    }

    /// Checks `diagram` (at `revision`) now if the last check fitted in the
    /// budget and returns the result; otherwise hands a copy to the worker
    /// and returns `None` (collect the result with [`Checker::poll`]).
    pub fn check(&mut self, diagram: &Diagram, revision: u64) -> Option<Checked> {
        if self.last_took <= self.budget {
            return Some(self.check_inline(diagram, revision));
        }
        if self.worker.is_none() {
            self.worker = Worker::spawn(self.wake.clone());
        }
        let job = Job {
            revision,
            diagram: diagram.clone(),
        };
        match &self.worker {
            Some(worker) if worker.jobs.send(job).is_ok() => {
                self.waiting_for = Some(revision);
                None
            }
            // No thread (the system refused one) or it died: check here.
            _ => {
                self.worker = None;
                Some(self.check_inline(diagram, revision))
            }
        }
    }

    fn check_inline(&mut self, diagram: &Diagram, revision: u64) -> Checked {
        let started = Instant::now();
        let report = rules::check(diagram);
        let took = started.elapsed();
        self.last_took = took;
        Checked {
            revision,
            report,
            took,
        }
    }

    /// Holds finished background results back (they wait, in order) until
    /// called with `false`: lets a test see the "checking" state however
    /// fast the worker is.
    pub fn set_held(&mut self, held: bool) {
        self.held = held;
    }

    /// The newest result the worker has finished since the last call, if
    /// any.
    pub fn poll(&mut self) -> Option<Checked> {
        if self.held {
            return None;
        }
        let worker = self.worker.as_ref()?;
        let mut newest = None;
        while let Ok(checked) = worker.results.try_recv() {
            newest = Some(checked);
        }
        let checked = newest?;
        self.last_took = checked.took;
        if self.waiting_for == Some(checked.revision) {
            self.waiting_for = None;
        }
        Some(checked)
    }

    /// Waits up to `timeout` for the worker's next result (for tests and
    /// for closing a document that is still being checked).
    pub fn wait(&mut self, timeout: Duration) -> Option<Checked> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(checked) = self.poll() {
                return Some(checked);
            }
            if !self.is_checking() || Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::synthetic;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn fast_checks_run_inline() {
        let diagram = synthetic(20, 1);
        let mut checker = Checker::new(Duration::from_secs(10));
        let checked = checker.check(&diagram, 7).expect("inline");
        assert_eq!(checked.revision, 7);
        assert_eq!(checked.report, rules::check(&diagram));
        assert!(!checker.is_checking());
    }

    #[test]
    fn slow_checks_go_to_the_worker_and_wake_the_ui() {
        let diagram = synthetic(200, 2);
        let woken = Arc::new(AtomicUsize::new(0));
        let mut checker = Checker::new(Duration::ZERO);
        let counter = Arc::clone(&woken);
        checker.set_wake(Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        }));
        // The first check has nothing to go by: it runs inline and records
        // its time, which exceeds a zero budget.
        assert!(checker.check(&diagram, 1).is_some());
        assert!(checker.check(&diagram, 2).is_none());
        assert!(checker.is_checking_revision(2));
        let checked = checker.wait(Duration::from_secs(30)).expect("answer");
        assert_eq!(checked.revision, 2);
        assert_eq!(checked.report, rules::check(&diagram));
        assert!(!checker.is_checking());
        assert!(woken.load(Ordering::SeqCst) >= 1);
    }

    #[test]
    fn the_newest_request_wins() {
        let small = synthetic(30, 3);
        let big = synthetic(300, 4);
        let mut checker = Checker::new(Duration::ZERO);
        assert!(checker.check(&small, 1).is_some());
        for revision in 2..6 {
            assert!(checker.check(&small, revision).is_none());
        }
        assert!(checker.check(&big, 6).is_none());
        let mut last = None;
        while checker.is_checking() {
            last = checker.wait(Duration::from_secs(30)).or(last);
        }
        let last = last.expect("answers");
        assert_eq!(last.revision, 6);
        assert_eq!(last.report, rules::check(&big));
    }
}
