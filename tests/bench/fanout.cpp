// quartier_benchws: opens N authenticated WebSockets to /api/live, waits until every one has its
// "hello", then posts an urgent city-wide announcement as staff and measures how long until the
// last socket has heard of it (a "notification" or "content" frame). Prints one JSON line.
//
// Usage: quartier_benchws --port P --sessions FILE --count N --admin-line 1 [--timeout 60]
// FILE is benchgen's sessions.tsv (user_id, token, csrf, email); line 0 is the administrator,
// the sockets use lines 1..N.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ws = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Line {
  std::string token, csrf;
};

struct Run {
  Run(asio::io_context& i, tcp::endpoint e) : io(i), ep(std::move(e)) {}
  asio::io_context& io;
  tcp::endpoint ep;
  std::vector<Line> lines;
  std::size_t count = 0;
  std::size_t next = 0, in_flight = 0, open = 0, failed = 0, received = 0;
  bool posted = false, post_done = false;
  Clock::time_point t_start, t_connected, t_post, t_last;
  std::vector<double> arrivals_ms;
  std::string first_error;
  std::function<void()> on_all_open;
};

void note_error(Run& r, const std::string& what) {
  ++r.failed;
  if (r.first_error.empty()) r.first_error = what;
}

// Done when the announcement's response is in and every open socket has heard of it.
void maybe_finish(Run& r) {
  if (r.post_done && r.received == r.open) r.io.stop();
}

// The announcement request failed: nobody will hear of it, so stop now.
void post_failed(Run& r, const std::string& what) {
  note_error(r, what);
  r.io.stop();
}

class Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(Run& run, std::size_t index) : run_(run), index_(index), ws_(asio::make_strand(run.io)) {}

  void start() {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(ws_).async_connect(run_.ep, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->fail("connect: " + ec.message());
      beast::get_lowest_layer(self->ws_).expires_never();
      self->ws_.set_option(ws::stream_base::timeout::suggested(beast::role_type::client));
      const std::string cookie = "quartier_session=" + self->run_.lines[self->index_].token;
      self->ws_.set_option(ws::stream_base::decorator([cookie](ws::request_type& req) {
        req.set(bhttp::field::cookie, cookie);
      }));
      self->ws_.async_handshake("127.0.0.1", "/api/live", [self](beast::error_code ec2) {
        if (ec2) return self->fail("handshake: " + ec2.message());
        self->read();
      });
    });
  }

 private:
  void fail(const std::string& what) {
    note_error(run_, what);
    if (!hello_) finished_opening();
  }
  void finished_opening() {
    --run_.in_flight;
    if (run_.next < run_.count) {
      std::make_shared<Conn>(run_, ++run_.next)->start();
      ++run_.in_flight;
    }
    if (run_.open + run_.failed == run_.count && run_.on_all_open) {
      auto f = std::move(run_.on_all_open);
      run_.on_all_open = nullptr;
      f();
    }
  }
  void read() {
    ws_.async_read(buf_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        if (!self->hello_ || !self->got_) note_error(self->run_, "read: " + ec.message());
        if (!self->hello_) self->finished_opening();
        return;
      }
      const std::string text = beast::buffers_to_string(self->buf_.data());
      self->buf_.consume(self->buf_.size());
      // All connections share one thread (the io_context runs on one), so the counters need no lock.
      if (!self->hello_) {
        if (text.find("\"hello\"") != std::string::npos) {
          self->hello_ = true;
          ++self->run_.open;
          self->finished_opening();
        }
      } else if (!self->got_ && self->run_.posted &&
                 (text.find("\"notification\"") != std::string::npos || text.find("\"content\"") != std::string::npos)) {
        self->got_ = true;
        const auto t = Clock::now();
        self->run_.arrivals_ms.push_back(std::chrono::duration<double, std::milli>(t - self->run_.t_post).count());
        self->run_.t_last = t;
        ++self->run_.received;
        maybe_finish(self->run_);
      }
      self->read();
    });
  }

  Run& run_;
  std::size_t index_;
  ws::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buf_;
  bool hello_ = false, got_ = false;
};

// The announcement, as the administrator (session line 0), on its own connection.
class Poster : public std::enable_shared_from_this<Poster> {
 public:
  Poster(Run& run, std::string body) : run_(run), stream_(asio::make_strand(run.io)), body_(std::move(body)) {}
  int status = 0;
  Clock::time_point t_done;
  void start() {
    stream_.expires_after(std::chrono::seconds(120));
    stream_.async_connect(run_.ep, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return post_failed(self->run_, "post connect: " + ec.message());
      self->req_ = bhttp::request<bhttp::string_body>(bhttp::verb::post, "/api/announcements", 11);
      self->req_.set(bhttp::field::host, "127.0.0.1");
      self->req_.set(bhttp::field::content_type, "application/json");
      self->req_.set(bhttp::field::cookie, "quartier_session=" + self->run_.lines[0].token);
      self->req_.set("X-CSRF-Token", self->run_.lines[0].csrf);
      self->req_.body() = self->body_;
      self->req_.prepare_payload();
      self->run_.t_post = Clock::now();
      self->run_.posted = true;
      bhttp::async_write(self->stream_, self->req_, [self](beast::error_code ec2, std::size_t) {
        if (ec2) return post_failed(self->run_, "post write: " + ec2.message());
        bhttp::async_read(self->stream_, self->buf_, self->res_, [self](beast::error_code ec3, std::size_t) {
          if (ec3) return post_failed(self->run_, "post read: " + ec3.message());
          self->status = static_cast<int>(self->res_.result_int());
          self->t_done = Clock::now();
          if (self->status != 201) return post_failed(self->run_, "post status " + std::to_string(self->status) + ": " + self->res_.body());
          self->run_.post_done = true;
          maybe_finish(self->run_);
        });
      });
    });
  }

 private:
  Run& run_;
  beast::tcp_stream stream_;
  std::string body_;
  bhttp::request<bhttp::string_body> req_;
  bhttp::response<bhttp::string_body> res_;
  beast::flat_buffer buf_;
};

double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

}  // namespace

int main(int argc, char** argv) {
  unsigned short port = 0;
  std::string sessions_file;
  std::size_t count = 1000;
  std::size_t concurrency = 200;
  int timeout_s = 60;
  for (int k = 1; k + 1 < argc; k += 2) {
    const std::string a = argv[k], v = argv[k + 1];
    if (a == "--port") port = static_cast<unsigned short>(std::stoi(v));
    else if (a == "--sessions") sessions_file = v;
    else if (a == "--count") count = std::stoul(v);
    else if (a == "--concurrency") concurrency = std::stoul(v);
    else if (a == "--timeout") timeout_s = std::stoi(v);
    else {
      std::cerr << "quartier_benchws: unknown option " << a << "\n";
      return 2;
    }
  }
  asio::io_context io(1);
  Run run(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  {
    std::ifstream f(sessions_file);
    std::string line;
    while (std::getline(f, line)) {
      std::istringstream in(line);
      std::string uid;
      Line l;
      in >> uid >> l.token >> l.csrf;
      if (!l.token.empty()) run.lines.push_back(l);
    }
  }
  if (run.lines.size() < 2 || port == 0) {
    std::cerr << "quartier_benchws: needs --port and a sessions file with the administrator and residents\n";
    return 2;
  }
  run.count = std::min(count, run.lines.size() - 1);
  auto poster = std::make_shared<Poster>(
      run, R"({"title":"Unwetterwarnung","body":"Sturmböen bis 100 km/h ab 18 Uhr. Bitte Fenster schließen und Parks meiden.","urgent":true})");
  run.t_start = Clock::now();
  run.on_all_open = [&run, poster] {
    run.t_connected = Clock::now();
    if (run.open == 0) {
      run.io.stop();
      return;
    }
    poster->start();
  };
  for (; run.next < std::min(concurrency, run.count); ++run.in_flight) std::make_shared<Conn>(run, ++run.next)->start();
  asio::steady_timer deadline(io, std::chrono::seconds(timeout_s));
  deadline.async_wait([&io](beast::error_code ec) {
    if (!ec) io.stop();
  });
  io.run();

  std::sort(run.arrivals_ms.begin(), run.arrivals_ms.end());
  auto pct = [&](double p) {
    if (run.arrivals_ms.empty()) return 0.0;
    const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(run.arrivals_ms.size() - 1));
    return run.arrivals_ms[i];
  };
  const bool all = run.open > 0 && run.received == run.open;
  std::cout << "{\"sockets\":" << run.count << ",\"open\":" << run.open << ",\"received\":" << run.received
            << ",\"errors\":" << (run.failed + (all ? 0 : run.open - run.received))
            << ",\"connect_ms\":" << (run.posted ? ms(run.t_start, run.t_connected) : 0.0)
            << ",\"post_status\":" << poster->status
            << ",\"post_ms\":" << (poster->status ? ms(run.t_post, poster->t_done) : 0.0)
            << ",\"first_ms\":" << pct(0) << ",\"p50_ms\":" << pct(50) << ",\"p99_ms\":" << pct(99)
            << ",\"last_ms\":" << (run.received ? ms(run.t_post, run.t_last) : 0.0) << ",\"first_error\":\"";
  for (char c : run.first_error)
    if (c != '"' && c != '\\' && c >= ' ') std::cout << c;
  std::cout << "\"}\n";
  return all ? 0 : 1;
}
