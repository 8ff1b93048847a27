#pragma once
// The real server with the groups and files plugins, people made with the CLI, and the steps the
// files tests share (uploads are raw bodies with the name in the query).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "temp_dir.hpp"
#include "test_server.hpp"

namespace qt::test::files {

inline std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

struct Person {
  std::int64_t id = 0;
  std::string password;
  std::unique_ptr<HttpClient> http;

  HttpResponse get(const std::string& target, std::vector<std::pair<std::string, std::string>> h = {}) {
    return http->get(target, std::move(h));
  }
  HttpResponse send(const std::string& method, const std::string& target, const boost::json::value& body = boost::json::object{}) {
    return http->send_json(method, target, body);
  }
  // Uploads bytes as a file called `name` (percent-encoded by the caller where needed).
  HttpResponse upload(const std::string& space, const std::string& name, const std::string& bytes, std::int64_t folder = 0) {
    return http->request("POST", "/api/p/files/spaces/" + space + "/files?name=" + name + "&folder=" + std::to_string(folder),
                         bytes, {{"Content-Type", "application/octet-stream"}, {"X-CSRF-Token", http->csrf_token}});
  }
  std::string mine() const { return "person/" + std::to_string(id); }
};

struct FilesServer {
  TempDir blobs;
  TestServer server;

  // files_toml: more keys of [plugins.files] (quotas).
  explicit FilesServer(const std::string& db_url, const std::string& files_toml = "")
      : server(setup(blobs, db_url, files_toml)) {}
  static ServerSetup setup(const TempDir& blobs, const std::string& db_url, const std::string& files_toml) {
    ServerSetup s;
    s.database_url = db_url;
    s.plugins = {"groups", "files"};
    s.extra_toml = "[plugins.files]\ndir = \"" + blobs.path().string() + "\"\n" + files_toml;
    return s;
  }

  Person person(const std::string& name, const std::string& role = "resident", const std::string& department = "") {
    const std::string email = name + "@teststadt.test";
    std::vector<std::string> args{"-c", server.config_path().string(), "user", "add", "--email", email, "--name", name, "--role", role};
    if (!department.empty()) args.insert(args.end(), {"--department", department});
    auto r = run_quartier(args);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
    Person p;
    p.password = m[1];
    p.http = std::make_unique<HttpClient>(server.port());
    auto login = p.http->send_json("POST", "/api/auth/login", {{"email", email}, {"password", std::string(m[1])}});
    REQUIRE(login.status == 200);
    p.http->csrf_token = str(login.json().at("csrf_token"));
    p.id = p.http->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }

  std::filesystem::path blob_path(const std::string& key) const { return blobs / "blobs" / key.substr(0, 2) / key; }
};

// The id of what a request created (201).
inline std::int64_t created_id(const HttpResponse& r) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

// The names in a folder listing.
inline std::vector<std::string> names(const HttpResponse& r) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 200);
  std::vector<std::string> out;
  const auto body = r.json();
  for (const auto& it : body.at("items").as_array()) out.push_back(str(it.at("name")));
  return out;
}

template <class Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 1500; ++i) {  // up to 30 s: the sweep is a durable job
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

}  // namespace qt::test::files
