// quartier_benchgen: fills a migrated, empty Quartier SQLite database with a deterministic
// synthetic city (residents, neighbourhoods, groups, items, comments, reactions, sessions with
// known tokens) for scripts/bench. Fast on purpose: raw SQLite, one big transaction, prepared
// statements, secondary indexes and full-text triggers dropped during the load and rebuilt once.
//
// Usage: quartier_benchgen --db FILE --out DIR [--scale 1.0] [--sessions 12000] [--seed 42]
// Writes DIR/sessions.tsv (user_id, token, csrf, email), DIR/items.txt (readable item ids),
// DIR/search_terms.txt and DIR/meta.json. The password of every generated user is kPassword.
#include <sqlite3.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "platform/text/fts_german.hpp"

namespace {

constexpr const char* kPassword = "Bench-Passwort-2026!";
constexpr std::int64_t kNeighbourhoods = 20;

// splitmix64: small, fast, and the same sequence on every machine.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
};

struct Options {
  std::string db, out;
  double scale = 1.0;
  std::int64_t sessions = 12000;
  std::uint64_t seed = 42;
};

[[noreturn]] void fail(const std::string& what) {
  std::cerr << "quartier_benchgen: " << what << "\n";
  std::exit(1);
}

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &h_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      fail("cannot open " + path + ": " + sqlite3_errmsg(h_) + " (run `quartier migrate` on it first)");
    qt::text::register_fts_german(h_);  // content_fts's tokenizer (migration 0067)
  }
  ~Db() { sqlite3_close(h_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(h_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "?";
      sqlite3_free(err);
      fail("SQL failed: " + m + "\n  in: " + sql);
    }
  }
  std::int64_t scalar(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) fail(sqlite3_errmsg(h_));
    std::int64_t v = 0;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  }
  std::vector<std::string> strings(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) fail(sqlite3_errmsg(h_));
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return out;
  }
  sqlite3* handle() { return h_; }

 private:
  sqlite3* h_ = nullptr;
};

// A prepared statement bound by position, stepped once per row.
class Stmt {
 public:
  Stmt(Db& db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db.handle(), sql, -1, &st_, nullptr) != SQLITE_OK)
      fail(std::string("prepare: ") + sqlite3_errmsg(db.handle()) + "\n  in: " + sql);
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& i(int col, std::int64_t v) {
    sqlite3_bind_int64(st_, col, v);
    return *this;
  }
  Stmt& null(int col) {
    sqlite3_bind_null(st_, col);
    return *this;
  }
  Stmt& t(int col, std::string_view v) {
    sqlite3_bind_text(st_, col, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  void run() {
    if (sqlite3_step(st_) != SQLITE_DONE) fail(std::string("insert: ") + sqlite3_errmsg(db_.handle()));
    sqlite3_reset(st_);
  }

 private:
  Db& db_;
  sqlite3_stmt* st_ = nullptr;
};

std::string hex_sha256(std::string_view s) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> d{};
  crypto_hash_sha256(d.data(), reinterpret_cast<const unsigned char*>(s.data()), s.size());
  std::string out(d.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), d.data(), d.size());
  out.pop_back();
  return out;
}

// Vocabulary: German-looking compounds drawn with a Zipf law, so a few words are everywhere and
// most are rare, as in real posts.
class Words {
 public:
  explicit Words(Rng& rng) {
    static constexpr std::array<std::string_view, 40> heads = {
        "strassen", "park", "schul", "markt", "spiel", "fahrrad", "buerger", "nachbar", "garten", "kinder",
        "sport", "musik", "kiez", "hof", "laden", "bus", "bahn", "kultur", "senioren", "jugend",
        "wasser", "baum", "licht", "bau", "haus", "wald", "feuer", "tier", "kirchen", "rathaus",
        "bibliotheks", "stadtteil", "wochen", "floh", "repair", "tausch", "umwelt", "verkehrs", "lese", "koch"};
    static constexpr std::array<std::string_view, 30> tails = {
        "fest", "platz", "weg", "treff", "cafe", "kurs", "gruppe", "abend", "ecke", "halle",
        "runde", "aktion", "zeit", "tag", "verein", "projekt", "haus", "bank", "laden", "stelle",
        "woche", "fahrt", "initiative", "karte", "flohmarkt", "sprechstunde", "baustelle", "sperrung", "hilfe", "boerse"};
    static constexpr std::array<std::string_view, 36> common = {
        "der", "die", "das", "und", "ist", "wir", "ihr", "im", "am", "mit", "fuer", "auf", "heute", "morgen",
        "bitte", "danke", "gern", "neue", "alte", "gibt", "es", "wer", "hat", "lust", "kommt", "vorbei",
        "samstag", "sonntag", "abends", "gemeinsam", "suche", "biete", "frage", "hallo", "alle", "schoen"};
    for (auto c : common) words_.emplace_back(c);
    for (auto h : heads)
      for (auto t : tails) words_.push_back(std::string(h) + std::string(t));
    // Shuffle the compounds (not the common words) so rank does not follow the alphabet.
    for (std::size_t i = words_.size() - 1; i > common.size(); --i) {
      const auto j = common.size() + static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(i - common.size() + 1)));
      std::swap(words_[i], words_[j]);
    }
    double sum = 0;
    for (std::size_t r = 0; r < words_.size(); ++r) {
      sum += 1.0 / static_cast<double>(r + 1);
      cdf_.push_back(sum);
    }
    for (auto& c : cdf_) c /= sum;
    first_compound_ = common.size();
  }
  const std::string& pick(Rng& rng) const {
    const auto it = std::lower_bound(cdf_.begin(), cdf_.end(), rng.unit());
    const auto idx = std::min<std::size_t>(static_cast<std::size_t>(it - cdf_.begin()), words_.size() - 1);
    return words_[idx];
  }
  std::string text(Rng& rng, std::int64_t n, bool capitalise) const {
    std::string out;
    for (std::int64_t k = 0; k < n; ++k) {
      if (k) out += (rng.below(12) == 0) ? ". " : " ";
      out += pick(rng);
    }
    if (capitalise && !out.empty()) out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
  }
  // Query words: compounds picked uniformly, so most searches ask for a rare-ish word.
  std::vector<std::string> queries(Rng& rng, std::size_t n) const {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < n; ++k)
      out.push_back(words_[first_compound_ + static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(words_.size() - first_compound_)))]);
    return out;
  }

 private:
  std::vector<std::string> words_;
  std::vector<double> cdf_;
  std::size_t first_compound_ = 0;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    auto value = [&]() -> std::string {
      if (k + 1 >= argc) fail(a + " needs a value");
      return argv[++k];
    };
    if (a == "--db") o.db = value();
    else if (a == "--out") o.out = value();
    else if (a == "--scale") o.scale = std::stod(value());
    else if (a == "--sessions") o.sessions = std::stoll(value());
    else if (a == "--seed") o.seed = std::stoull(value());
    else fail("unknown option " + a + " (use --db FILE --out DIR [--scale F] [--sessions N] [--seed N])");
  }
  if (o.db.empty() || o.out.empty()) fail("--db and --out are required");
  if (!(o.scale > 0)) fail("--scale must be positive");
  return o;
}

std::int64_t scaled(double base, double scale, std::int64_t minimum) {
  return std::max<std::int64_t>(minimum, static_cast<std::int64_t>(std::llround(base * scale)));
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  if (sodium_init() < 0) fail("libsodium did not initialise");
  const auto t_start = std::chrono::steady_clock::now();

  const std::int64_t users = scaled(100000, opt.scale, 200);
  const std::int64_t groups = scaled(2000, opt.scale, 10);
  const std::int64_t items = scaled(1000000, opt.scale, 1000);
  const std::int64_t comments_target = scaled(3000000, opt.scale, 1000);
  const std::int64_t reactions_target = scaled(5000000, opt.scale, 1000);
  const std::int64_t sessions = std::min(opt.sessions, users - 12);  // one per resident at most
  const std::int64_t staff = 10;  // users 2..11; user 1 is the administrator
  Rng rng{opt.seed};
  Words words(rng);

  Db db(opt.db);
  if (db.scalar("SELECT COUNT(*) FROM users") != 0 || db.scalar("SELECT COUNT(*) FROM content") != 0)
    fail(opt.db + " already holds data; give an empty, migrated database");

  // Bulk-load settings: nothing survives a crash mid-load, and nothing needs to.
  db.exec("PRAGMA journal_mode=OFF");
  db.exec("PRAGMA synchronous=OFF");
  db.exec("PRAGMA foreign_keys=OFF");
  db.exec("PRAGMA cache_size=-524288");
  db.exec("PRAGMA temp_store=MEMORY");

  // Secondary indexes and triggers of the big tables go now and come back once at the end.
  const std::string big = "('content','comments','reactions','memberships','users','sessions')";
  auto indexes = db.strings("SELECT sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN " + big);
  auto index_names = db.strings("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN " + big);
  // (reactions: the reaction_tally triggers of migration 0040; the counts are filled in one
  // GROUP BY at the end instead of one upsert per reaction.)
  const std::string with_triggers = "('content','reactions')";
  auto triggers = db.strings("SELECT sql FROM sqlite_master WHERE type='trigger' AND tbl_name IN " + with_triggers);
  auto trigger_names = db.strings("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name IN " + with_triggers);
  for (const auto& n : index_names) db.exec("DROP INDEX \"" + n + "\"");
  for (const auto& n : trigger_names) db.exec("DROP TRIGGER \"" + n + "\"");

  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  const std::int64_t year = 365LL * 24 * 3600 * 1000;
  const std::int64_t t0 = now - year;

  db.exec("BEGIN");
  // Neighbourhoods and the built-in containers (the server would create them at start).
  {
    Stmt nb(db, "INSERT INTO neighbourhoods (id, slug, name, postcodes, created_at) VALUES (?,?,?,?,?)");
    for (std::int64_t k = 1; k <= kNeighbourhoods; ++k)
      nb.i(1, k).t(2, "quartier-" + std::to_string(k)).t(3, "Quartier " + std::to_string(k))
          .t(4, std::to_string(10000 + k)).i(5, t0).run();
    Stmt c(db, "INSERT INTO containers (id, kind, owner, name, visibility, neighbourhood_id, created_by, created_at, updated_at)"
               " VALUES (?,?,?,?,?,?,?,?,?)");
    c.i(1, 1).t(2, "city").t(3, "core").t(4, "").t(5, "public").null(6).i(7, 0).i(8, t0).i(9, t0).run();
    for (std::int64_t k = 1; k <= kNeighbourhoods; ++k)
      c.i(1, 1 + k).t(2, "neighbourhood").t(3, "core").t(4, "Quartier " + std::to_string(k)).t(5, "members")
          .i(6, k).i(7, 0).i(8, t0).i(9, t0).run();
  }
  const std::int64_t first_group = 2 + kNeighbourhoods;

  // Users: one administrator, ten staff, the rest residents; all share one Argon2id hash.
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, kPassword, std::char_traits<char>::length(kPassword),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    fail("password hashing ran out of memory");
  auto user_nb = [](std::int64_t u) { return 1 + (u % kNeighbourhoods); };
  {
    Stmt u(db, "INSERT INTO users (id, email, display_name, password_hash, role, department, neighbourhood_id, status,"
               " email_confirmed_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,'active',?,?,?)");
    static constexpr std::array<std::string_view, 12> first = {"Anna", "Ben", "Clara", "Deniz", "Emil", "Fatma",
                                                              "Greta", "Hannes", "Ida", "Jonas", "Kemal", "Lea"};
    static constexpr std::array<std::string_view, 12> last = {"Schmidt", "Yilmaz", "Meyer", "Nowak", "Weber", "Fischer",
                                                             "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein"};
    for (std::int64_t k = 1; k <= users; ++k) {
      const bool is_staff = k >= 2 && k <= 1 + staff;
      const std::string role = k == 1 ? "admin" : is_staff ? "staff" : "resident";
      const std::string name = std::string(first[static_cast<std::size_t>(k % 12)]) + " " +
                               std::string(last[static_cast<std::size_t>((k / 12) % 12)]) + " " + std::to_string(k);
      const std::int64_t created = t0 + (k * year / 2) / users;
      u.i(1, k).t(2, "user" + std::to_string(k) + "@bench.quartier.test").t(3, name).t(4, hash).t(5, role)
          .t(6, is_staff || k == 1 ? "Bezirksamt" : "").i(7, user_nb(k)).i(8, created).i(9, created).i(10, created).run();
    }
  }
  // Groups (plugin containers through the core tables) and memberships: 0 to 4 groups each.
  std::int64_t membership_count = 0;
  {
    Stmt c(db, "INSERT INTO containers (id, kind, owner, name, description, visibility, neighbourhood_id, created_by,"
               " created_at, updated_at) VALUES (?,'groups.group','groups',?,?,?,?,?,?,?)");
    Stmt m(db, "INSERT OR IGNORE INTO memberships (container_id, user_id, role, state, created_at, updated_at) VALUES (?,?,?,'active',?,?)");
    for (std::int64_t g = 0; g < groups; ++g) {
      const std::int64_t v = rng.below(100);
      const std::string vis = v < 70 ? "public" : v < 95 ? "members" : "hidden";
      const std::int64_t owner = 12 + rng.below(users - 11);
      c.i(1, first_group + g).t(2, words.text(rng, 2, true)).t(3, words.text(rng, 12, true)).t(4, vis)
          .i(5, user_nb(owner)).i(6, owner).i(7, t0).i(8, t0).run();
      m.i(1, first_group + g).i(2, owner).t(3, "owner").i(4, t0).i(5, t0).run();
    }
    std::vector<std::int64_t> mine;
    for (std::int64_t u = 1; u <= users; ++u) {
      const std::int64_t n = rng.below(5);
      mine.clear();
      for (std::int64_t k = 0; k < n; ++k) {
        const std::int64_t g = first_group + rng.below(groups);
        if (std::find(mine.begin(), mine.end(), g) != mine.end()) continue;
        mine.push_back(g);
      }
      for (auto g : mine) {
        // The owner row is already there; INSERT OR IGNORE keeps the first.
        m.i(1, g).i(2, u).t(3, "member").i(4, t0).i(5, t0).run();
      }
    }
  }
  membership_count = db.scalar("SELECT COUNT(*) FROM memberships");
  std::cerr << "benchgen: users, groups, memberships in " << seconds_since(t_start) << " s\n";

  // Items, newest last; each item's comment count is drawn first so content.comment_count is right.
  const std::int64_t comment_mean2 = std::max<std::int64_t>(1, (2 * comments_target) / items);   // uniform 0..2*mean
  const std::int64_t reaction_mean2 = std::max<std::int64_t>(1, (2 * reactions_target) / items);
  std::vector<std::uint8_t> comment_n(static_cast<std::size_t>(items + 1));
  std::vector<std::int64_t> created(static_cast<std::size_t>(items + 1));
  std::vector<std::int64_t> readable;  // city items: every signed-in resident may read them
  std::int64_t comments_total = 0, reactions_total = 0;
  {
    Stmt ins(db, "INSERT INTO content (id, kind, container_id, author_id, visibility, title, summary, body, body_html,"
                 " official, pinned, comment_count, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const std::int64_t span = year - 3600 * 1000;
    for (std::int64_t id = 1; id <= items; ++id) {
      const std::int64_t where = rng.below(100);
      std::int64_t container = 0, author = 0;
      if (where < 5) {
        container = 1;
        author = 1 + rng.below(users);
      } else if (where < 50) {
        const std::int64_t nb = 1 + rng.below(kNeighbourhoods);
        container = 1 + nb;
        // An author living there: user ids with user_nb(u) == nb.
        const std::int64_t per = std::max<std::int64_t>(1, users / kNeighbourhoods);
        author = std::min(users, std::max<std::int64_t>(1, rng.below(per) * kNeighbourhoods + (nb - 1)));
      } else {
        container = first_group + rng.below(groups);
        author = 1 + rng.below(users);
      }
      const bool announcement = where < 2 && rng.below(10) == 0;
      const std::string kind = announcement ? "announcement" : "post";
      if (announcement) author = 2 + rng.below(staff);
      const std::string title = announcement || rng.below(10) < 4 ? words.text(rng, 3 + rng.below(4), true) : "";
      const std::string body = words.text(rng, 10 + rng.below(50), true) + ".";
      const std::string summary = body.substr(0, 200);
      const std::string html = "<p>" + body + "</p>\n";
      const std::int64_t c = rng.below(comment_mean2 + 1);
      comment_n[static_cast<std::size_t>(id)] = static_cast<std::uint8_t>(std::min<std::int64_t>(c, 255));
      comments_total += comment_n[static_cast<std::size_t>(id)];
      const std::int64_t t = t0 + (id * span) / items;
      created[static_cast<std::size_t>(id)] = t;
      const bool pinned = announcement && container == 1 && id > items - items / 50;
      ins.i(1, id).t(2, kind).i(3, container).i(4, author).t(5, "members").t(6, title).t(7, summary).t(8, body)
          .t(9, html).i(10, announcement ? 1 : 0).i(11, pinned ? 1 : 0).i(12, comment_n[static_cast<std::size_t>(id)])
          .i(13, t).i(14, t).run();
      if (container == 1) readable.push_back(id);
    }
  }
  std::cerr << "benchgen: " << items << " items in " << seconds_since(t_start) << " s\n";
  {
    Stmt ins(db, "INSERT INTO comments (content_id, author_id, body, body_html, created_at, updated_at) VALUES (?,?,?,?,?,?)");
    for (std::int64_t id = 1; id <= items; ++id) {
      const auto n = comment_n[static_cast<std::size_t>(id)];
      for (int k = 0; k < n; ++k) {
        const std::string body = words.text(rng, 4 + rng.below(20), true);
        const std::int64_t t = created[static_cast<std::size_t>(id)] + (k + 1) * 60000;
        ins.i(1, id).i(2, 1 + rng.below(users)).t(3, body).t(4, "<p>" + body + "</p>\n").i(5, t).i(6, t).run();
      }
    }
  }
  std::cerr << "benchgen: " << comments_total << " comments in " << seconds_since(t_start) << " s\n";
  {
    Stmt ins(db, "INSERT INTO reactions (content_id, user_id, reaction, created_at) VALUES (?,?,?,?)");
    static constexpr std::array<std::string_view, 8> kinds = {"like", "like", "like", "heart", "heart", "thanks", "laugh", "sad"};
    const std::int64_t stride = 7919;  // prime, so start + k*stride (mod users) are distinct for k < users
    for (std::int64_t id = 1; id <= items; ++id) {
      const std::int64_t n = std::min(rng.below(reaction_mean2 + 1), users);
      const std::int64_t start = rng.below(users);
      for (std::int64_t k = 0; k < n; ++k) {
        const std::int64_t u = 1 + (start + k * stride) % users;
        ins.i(1, id).i(2, u).t(3, kinds[static_cast<std::size_t>(rng.below(8))])
            .i(4, created[static_cast<std::size_t>(id)] + k * 1000).run();
        ++reactions_total;
      }
    }
  }
  std::cerr << "benchgen: " << reactions_total << " reactions in " << seconds_since(t_start) << " s\n";

  // Sessions with known tokens: the administrator first, then residents spread over all ids.
  std::ofstream tsv(opt.out + "/sessions.tsv");
  if (!tsv) fail("cannot write " + opt.out + "/sessions.tsv");
  {
    Stmt ins(db, "INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, user_agent)"
                 " VALUES (?,?,?,?,?,?,'bench')");
    for (std::int64_t k = 0; k <= sessions; ++k) {
      const std::int64_t uid = k == 0 ? 1 : 12 + ((k - 1) * (users - 12)) / std::max<std::int64_t>(1, sessions);
      char token[64], csrf[64];
      std::snprintf(token, sizeof token, "qtbench-session-%012lld-%016llx", static_cast<long long>(k),
                    static_cast<unsigned long long>(opt.seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(k)));
      std::snprintf(csrf, sizeof csrf, "qtbench-csrf-%012lld", static_cast<long long>(k));
      ins.i(1, uid).t(2, hex_sha256(token)).t(3, csrf).i(4, now).i(5, now).i(6, now + year).run();
      tsv << uid << '\t' << token << '\t' << csrf << "\tuser" << uid << "@bench.quartier.test\n";
    }
  }
  db.exec("COMMIT");
  std::cerr << "benchgen: rows written in " << seconds_since(t_start) << " s; building indexes\n";

  for (const auto& sql : indexes) db.exec(sql);
  db.exec("DELETE FROM reaction_tally");
  db.exec("INSERT INTO reaction_tally (content_id, n_heart, n_laugh, n_like, n_sad, n_thanks)"
          " SELECT content_id, SUM(reaction = 'heart'), SUM(reaction = 'laugh'), SUM(reaction = 'like'),"
          " SUM(reaction = 'sad'), SUM(reaction = 'thanks') FROM reactions GROUP BY content_id");
  for (const auto& sql : triggers) db.exec(sql);
  db.exec("INSERT INTO content_fts(content_fts) VALUES ('rebuild')");
  std::cerr << "benchgen: indexes and full-text index in " << seconds_since(t_start) << " s\n";
  db.exec("PRAGMA journal_mode=WAL");

  {
    std::ofstream f(opt.out + "/items.txt");
    Rng pick{opt.seed + 1};
    for (int k = 0; k < 5000 && !readable.empty(); ++k)
      f << readable[static_cast<std::size_t>(pick.below(static_cast<std::int64_t>(readable.size())))] << '\n';
  }
  {
    std::ofstream f(opt.out + "/search_terms.txt");
    Rng pick{opt.seed + 2};
    for (const auto& w : words.queries(pick, 500)) f << w << '\n';
  }
  const double secs = seconds_since(t_start);
  {
    std::ofstream f(opt.out + "/meta.json");
    f << "{\"users\":" << users << ",\"neighbourhoods\":" << kNeighbourhoods << ",\"groups\":" << groups
      << ",\"items\":" << items << ",\"comments\":" << comments_total << ",\"reactions\":" << reactions_total
      << ",\"memberships\":" << membership_count << ",\"sessions\":" << sessions << ",\"max_item_id\":" << items
      << ",\"password\":\"" << kPassword << "\",\"generation_seconds\":" << secs << "}\n";
  }
  std::cout << "generated " << users << " users, " << groups << " groups, " << items << " items, " << comments_total
            << " comments, " << reactions_total << " reactions in " << secs << " s\n";
  return 0;
}
