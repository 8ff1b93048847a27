// The server: listen, accept, run the I/O threads, shut down gracefully (server_impl.hpp has what
// the session, the WebSocket connection and the lanes share with it).
#include "platform/http/server.hpp"

#include <thread>
#include <vector>

#include <fmt/format.h>

#include "platform/http/server_impl.hpp"
#include "platform/log/log.hpp"

namespace qt::http {

void fail(beast::error_code ec, std::string_view what) {
  const bool own_trouble = ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
                           ec == asio::error::no_memory || ec == beast::errc::too_many_files_open_in_system;
  log::write(own_trouble ? log::Level::warn : log::Level::debug, "network error",
             {{"during", what}, {"error", ec.message()}});
}

void Server::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), beast::bind_front_handler(&Impl::on_accept, this));
}

namespace {

bool out_of_descriptors(beast::error_code ec) {
  return ec == asio::error::no_descriptors || ec == beast::errc::too_many_files_open_in_system ||
         ec == asio::error::no_buffer_space || ec == asio::error::no_memory;
}

}  // namespace

void Server::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec) {
    if (ec == asio::error::operation_aborted || stopping) return;
    if (out_of_descriptors(ec)) return pause_accepting(ec);
    fail(ec, "accept");
  } else if (!stopping) {
    admit(std::move(socket));
  }
  if (!stopping) accept();
}

void Server::Impl::admit(tcp::socket socket) {
  beast::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  if (ec) return;  // the client is gone already
  const std::string address = peer.address().to_string();
  std::shared_ptr<Session> s;
  {
    std::lock_guard lock(sessions_mutex);
    auto verdict = admission.check(address, proxies.contains(peer.address()), sessions.size());
    if (verdict == net::Admission::Verdict::over_total && evict_idlest()) verdict = net::Admission::Verdict::admit;
    if (verdict != net::Admission::Verdict::admit) {
      if (std::int64_t held = 0; refused_log.due(held))
        log::warn("connection refused: too many open connections",
                  {{"cap", verdict == net::Admission::Verdict::over_address ? "per address" : "total"},
                   {"open_connections", static_cast<std::int64_t>(sessions.size())},
                   {"repeats_not_logged", held}});
      return;  // the socket closes as it goes out of scope
    }
    socket.set_option(tcp::no_delay(true), ec);
    s = std::make_shared<Session>(std::move(socket), *this, address);
    sessions.insert(s);
    admission.opened(address);
  }
  s->start();
}

bool Server::Impl::evict_idlest() {
  Session* idlest = nullptr;
  for (const auto& s : sessions) {
    // One already chosen may not have closed yet (its strand is busy): choose another.
    const auto since = s->idle_since();
    if (since != 0 && !s->evicting() && (!idlest || since < idlest->idle_since())) idlest = s.get();
  }
  return idlest && idlest->evict();
}

// accept() failing for want of descriptors would fail again at once: wait a moment, and close
// the connection idle longest so that the next accept can succeed.
void Server::Impl::pause_accepting(beast::error_code ec) {
  std::size_t open = 0;
  {
    std::lock_guard lock(sessions_mutex);
    evict_idlest();
    open = sessions.size();
  }
  if (std::int64_t held = 0; descriptors_log.due(held))
    log::warn("out of file descriptors: accepting paused for 200 ms (raise LimitNOFILE or lower [server] "
              "max_connections)",
              {{"error", ec.message()}, {"open_connections", static_cast<std::int64_t>(open)},
               {"repeats_not_logged", held}});
  accept_pause.expires_after(std::chrono::milliseconds(200));
  accept_pause.async_wait([this](beast::error_code e) {
    if (!e && !stopping) accept();
  });
}

void Server::Impl::remove(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(sessions_mutex);
  if (sessions.erase(s) > 0) admission.closed(s->address());
}

void Server::Impl::begin_shutdown() {
  if (stopping) return;
  if (options.drain.count() > 0 && !draining.exchange(true)) {
    log::info("shutting down: draining, /readyz answers 503 while requests are still served",
              {{"drain_seconds", static_cast<std::int64_t>(options.drain.count())}});
    drain_timer = std::make_unique<asio::steady_timer>(io, options.drain);
    drain_timer->async_wait([this](beast::error_code ec) {
      if (!ec) stop_accepting();
    });
    return;
  }
  stop_accepting();
}

void Server::Impl::on_signal(beast::error_code ec) {
  if (ec) return;
  if (draining && !stopping) {
    log::info("second signal: ending the drain");
    stop_accepting();
    return;
  }
  begin_shutdown();
  // While draining, a second signal ends the drain at once.
  if (draining && !stopping) signals.async_wait([this](beast::error_code e, int) { on_signal(e); });
}

void Server::Impl::stop_accepting() {
  if (stopping.exchange(true)) return;
  draining = true;  // shutting_down() stays true
  log::info("shutting down: no new connections, finishing requests in flight",
            {{"grace_seconds", static_cast<std::int64_t>(options.shutdown_grace.count())}});
  beast::error_code ec;
  if (drain_timer) drain_timer->cancel();
  acceptor.close(ec);
  accept_pause.cancel();
  signals.cancel(ec);
  std::vector<std::shared_ptr<Session>> all;
  {
    std::lock_guard lock(sessions_mutex);
    all.assign(sessions.begin(), sessions.end());
  }
  for (auto& s : all) s->shutdown();
  wait_for_drain(Clock::now() + options.shutdown_grace);
}

void Server::Impl::wait_for_drain(Clock::time_point deadline) {
  auto timer = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(20));
  timer->async_wait([this, timer, deadline](beast::error_code) {
    std::size_t left;
    {
      std::lock_guard lock(sessions_mutex);
      left = sessions.size();
    }
    if (left == 0) {
      io.stop();
    } else if (Clock::now() >= deadline) {
      log::warn("shutdown grace period over; closing remaining connections",
                {{"connections", static_cast<std::int64_t>(left)}});
      io.stop();
    } else {
      wait_for_drain(deadline);
    }
  });
}

Server::Server(ServerOptions options, Dispatcher dispatcher, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatcher), metrics)) {}

Server::~Server() {
  // Sessions hold references to impl_; drop them before the io_context goes.
  std::set<std::shared_ptr<Session>> left;
  {
    std::lock_guard lock(impl_->sessions_mutex);
    left.swap(impl_->sessions);
  }
  left.clear();
}

void Server::set_matcher(Matcher matcher) { impl_->matcher = std::move(matcher); }

void Server::add_websocket(std::string path, UpgradeHandler handler) {
  impl_->websockets.emplace(std::move(path), std::move(handler));
}

std::uint16_t Server::listen() {
  auto& o = impl_->options;
  beast::error_code ec;
  const auto address = asio::ip::make_address(o.host == "localhost" ? "127.0.0.1" : o.host, ec);
  if (ec) throw std::system_error(ec, "cannot use listen address '" + o.host + "'");
  const tcp::endpoint ep{address, o.port};
  auto& a = impl_->acceptor;
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep, ec);
  if (ec)
    throw std::system_error(ec, fmt::format("cannot listen on {}:{} (is another program using the port? change "
                                            "[server] listen)",
                                            o.host, o.port));
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

namespace {
thread_local bool t_io_thread = false;

// Runs the I/O loop, marked so that blocking calls (a plugin's http_fetch) can refuse here.
void run_io(asio::io_context& io) {
  t_io_thread = true;
  io.run();
  t_io_thread = false;
}
}  // namespace

bool on_io_thread() noexcept { return t_io_thread; }

void Server::run(const std::function<void()>& on_ready) {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int) { impl.on_signal(ec); });
  impl.accept();
  if (on_ready) on_ready();
  int n = impl.options.threads > 0 ? impl.options.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (n < 1) n = 1;
  // Only a matcher can put a request in a lane.
  if (impl.matcher) impl.lanes.start(impl.options);
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([&impl] { run_io(impl.io); });
  run_io(impl.io);
  for (auto& t : threads) t.join();
  // Handlers in flight finish; their answers are dropped.
  impl.lanes.join();
}

void Server::stop() {
  asio::post(impl_->io, [this] { impl_->begin_shutdown(); });
}

bool Server::shutting_down() const { return impl_->draining || impl_->stopping; }

}  // namespace qt::http
