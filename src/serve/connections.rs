//! Accepting connections so that neither slow nor idle clients can take the server from real
//! readers, and stopping promptly.
//!
//! - A client must send a request's headers within [`HEADER_TIMEOUT`], also between requests
//!   on a kept-alive connection, or the connection is closed.
//! - At most [`MAX_CONNECTIONS`] are open at once; when a new one arrives at the limit, the
//!   connection that has been idle (no request in progress) the longest is closed for it, so a
//!   flood of idle connections only ever costs the flood.
//! - When `stop` fires, every connection is asked to finish (the live-reload streams end), and
//!   the caller stops waiting after a short grace period.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

/// How long a client may take to send a request's headers (and may stay idle between).
pub(super) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections open at once; beyond it the longest-idle one is closed.
pub(super) const MAX_CONNECTIONS: usize = 256;

/// What the limit knows of one open connection, shared with the task that serves it.
#[derive(Default)]
struct Watched {
    /// Requests being answered now.
    busy: AtomicUsize,
    /// Milliseconds since the server started, at the last request's start.
    last_active: AtomicU64,
    /// Asks the connection to close.
    close: Notify,
}

#[derive(Default)]
struct Registry {
    open: Mutex<Vec<(u64, Arc<Watched>)>>,
    next_id: AtomicU64,
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(u64, Arc<Watched>)>> {
        self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Closes the connection idle the longest when the limit is reached.
    fn make_room(&self) {
        let open = self.lock();
        if open.len() < MAX_CONNECTIONS {
            return;
        }
        let idle = open
            .iter()
            .map(|(_, watched)| watched)
            .filter(|w| w.busy.load(Ordering::Relaxed) == 0)
            .min_by_key(|w| w.last_active.load(Ordering::Relaxed));
        if let Some(idle) = idle {
            idle.close.notify_one();
        }
    }
}

/// Serves `router` on `listener` until `stop` turns true.
pub(super) async fn serve(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) {
    let registry = Arc::new(Registry::default());
    let started = Instant::now();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|s| *s) => return,
        };
        let Ok((stream, _)) = accepted else {
            // Out of file handles or a reset before accept: wait a moment, keep serving.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        registry.make_room();
        let id = registry.next_id.fetch_add(1, Ordering::Relaxed);
        let watched = Arc::new(Watched::default());
        watched.last_active.store(elapsed_ms(started), Ordering::Relaxed);
        registry.lock().push((id, Arc::clone(&watched)));
        let registry = Arc::clone(&registry);
        let router = router.clone();
        let stop = stop.clone();
        tokio::spawn(async move {
            serve_connection(stream, router, watched, stop, started).await;
            registry.lock().retain(|(open, _)| *open != id);
        });
    }
}

/// Serves one connection until it ends, the server stops, or the limit closes it.
async fn serve_connection(
    stream: tokio::net::TcpStream,
    router: Router,
    watched: Arc<Watched>,
    mut stop: watch::Receiver<bool>,
    started: Instant,
) {
    let tracked = Tracked { inner: router, watched: Arc::clone(&watched), started };
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(tracked));
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => return,
        _ = stop.wait_for(|s| *s) => {}
        _ = watched.close.notified() => {}
    }
    connection.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(Duration::from_secs(1), connection).await;
}

fn elapsed_ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// A service that counts the requests in progress on its connection and when the last began.
#[derive(Clone)]
struct Tracked<S> {
    inner: S,
    watched: Arc<Watched>,
    started: Instant,
}

impl<S, R> tower_service::Service<R> for Tracked<S>
where
    S: tower_service::Service<R> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        let watched = Arc::clone(&self.watched);
        watched.busy.fetch_add(1, Ordering::Relaxed);
        watched.last_active.store(elapsed_ms(self.started), Ordering::Relaxed);
        let future = self.inner.call(request);
        Box::pin(async move {
            let response = future.await;
            watched.busy.fetch_sub(1, Ordering::Relaxed);
            response
        })
    }
}
