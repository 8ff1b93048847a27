#pragma once
// A small blocking HTTP/1.1 and WebSocket client for integration tests (Boost.Beast), talking
// to the real server on loopback. Keeps cookies like a browser would (per client object).
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace qt::test {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::optional<std::string> header(std::string_view lower_name) const;
  boost::json::value json() const;  // throws if the body is not JSON
  std::string error_code() const;   // body's error.code or ""
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port, std::string host = "127.0.0.1");
  ~HttpClient();

  // One request on a kept-alive connection (reconnects when the server closed it).
  HttpResponse request(const std::string& method, const std::string& target, const std::string& body = {},
                       std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResponse get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    return request("GET", target, {}, std::move(headers));
  }
  // JSON body with Content-Type, the stored CSRF token (if any) and cookies.
  HttpResponse send_json(const std::string& method, const std::string& target, const boost::json::value& body);

  std::map<std::string, std::string>& cookies() { return cookies_; }
  std::string csrf_token;  // sent as X-CSRF-Token when set
  std::uint16_t port() const { return port_; }

 private:
  struct Conn;
  std::unique_ptr<Conn> conn_;
  std::uint16_t port_;
  std::string host_;
  std::map<std::string, std::string> cookies_;
};

// Sends raw bytes on a new connection and returns everything the server sent back until it
// closed the connection or timeout passed (for malformed and oversized requests).
std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

class WsClient {
 public:
  // Connects and performs the upgrade; throws on refusal with the HTTP status in the message.
  WsClient(std::uint16_t port, const std::string& path, std::vector<std::pair<std::string, std::string>> headers = {});
  ~WsClient();
  void send(const std::string& text);
  // Next text message, or nullopt when nothing arrives within timeout or the socket closed.
  std::optional<std::string> receive(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  // After receive() saw the socket close: "<code> <reason>" of the server's close frame ("" if none).
  bool closed() const;
  std::string close_reason() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qt::test
