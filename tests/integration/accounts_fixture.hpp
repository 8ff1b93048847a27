#pragma once
// A real server with a real SMTP server on loopback, plus the steps most account tests share.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "smtp_sink.hpp"
#include "test_server.hpp"

namespace qt::test {

inline ServerSetup accounts_setup(const SmtpSink& smtp, const std::string& auth_toml, const std::string& db_url,
                                  const TempDir& media, const std::string& media_toml = "") {
  ServerSetup s;
  s.database_url = db_url;
  s.extra_toml = "[mail]\nsmtp_url = \"" + smtp.url() + "\"\nfrom = \"Quartier Teststadt <noreply@teststadt.test>\"\n"
                 "digest_hour = -1\n\n" +
                 "[auth]\n" + auth_toml + "\n\n[media]\ndir = \"" + media.path().string() + "\"\n" + media_toml + "\n";
  return s;
}

// A logged-in client (HttpClient itself is not movable).
class Session {
 public:
  explicit Session(std::unique_ptr<HttpClient> c) : c_(std::move(c)) {}
  HttpResponse get(const std::string& target) { return c_->get(target); }
  HttpResponse send_json(const std::string& method, const std::string& target, const boost::json::value& body) {
    return c_->send_json(method, target, body);
  }
  HttpResponse request(const std::string& method, const std::string& target, const std::string& body,
                       std::vector<std::pair<std::string, std::string>> headers) {
    return c_->request(method, target, body, std::move(headers));
  }
  std::map<std::string, std::string>& cookies() { return c_->cookies(); }
  HttpClient& client() { return *c_; }

 private:
  std::unique_ptr<HttpClient> c_;
};

struct AccountsServer {
  SmtpSink smtp;
  TempDir media;  // [media] dir: uploads of this server only
  TestServer server;

  explicit AccountsServer(const std::string& auth_toml = "", const std::string& db_url = "",
                          const std::string& media_toml = "", std::vector<std::string> server_toml = {})
      : smtp(), media(), server(with_server(accounts_setup(smtp, auth_toml, db_url, media, media_toml), std::move(server_toml))) {}

  static ServerSetup with_server(ServerSetup s, std::vector<std::string> server_toml) {
    s.server_toml = std::move(server_toml);
    return s;
  }

  HttpClient client() const { return server.client(); }

  // `quartier user add` against the server's database; returns the printed password.
  std::string add_user(const std::string& email, const std::string& name, const std::string& role = "resident") {
    auto r = run_quartier({"-c", server.config_path().string(), "user", "add", "--email", email, "--name", name, "--role", role});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
    return m[1];
  }

  Session login(const std::string& email, const std::string& password) {
    auto c = std::make_unique<HttpClient>(server.port());
    auto r = c->send_json("POST", "/api/auth/login", {{"email", email}, {"password", password}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    c->csrf_token = std::string(r.json().at("csrf_token").as_string());
    return Session(std::move(c));
  }

  // Registers through the API and confirms through the link in the mail; returns the user id.
  std::int64_t register_confirmed(const std::string& email, const std::string& name, const std::string& password) {
    auto c = client();
    auto r = c.send_json("POST", "/api/auth/register",
                         {{"email", email}, {"password", password}, {"display_name", name}, {"accept_terms", true}});
    INFO(r.body);
    REQUIRE(r.status == 202);
    const auto mail = smtp.wait_for(email, "/confirm?token=");
    auto c2 = c.send_json("POST", "/api/auth/confirm", {{"token", mail.link_param("token")}});
    INFO(c2.body);
    REQUIRE(c2.status == 200);
    auto logged = login(email, password);
    return logged.get("/api/me").json().at("user").at("id").as_int64();
  }
};

inline std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

}  // namespace qt::test
