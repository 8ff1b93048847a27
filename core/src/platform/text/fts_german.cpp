#include "platform/text/fts_german.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <exception>
#include <new>
#include <stdexcept>
#include <string>

#include "platform/text/german.hpp"

namespace qt::text {
namespace {

using sqlite_api::Fts5Tokenizer;
using TokenFn = int (*)(void*, int, const char*, int, int, int);

// One stateless instance for every table: xCreate hands out this address.
Fts5Tokenizer* instance() {
  static char tag;
  return reinterpret_cast<Fts5Tokenizer*>(&tag);
}

int create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = instance();
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) {}

// A MATCH string: the tokens as written, split at spaces.
int query_tokens(void* ctx, std::string_view text, TokenFn emit) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const auto start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i == start) break;
    const int rc = emit(ctx, 0, text.data() + start, static_cast<int>(i - start), static_cast<int>(start), static_cast<int>(i));
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

// A text being indexed: per word its stem, then its inner parts at the same position.
int document_tokens(void* ctx, std::string_view text, TokenFn emit) {
  std::string folded, stemmed, part;
  int rc = SQLITE_OK;
  german::for_each_word(text, [&](std::string_view word, std::size_t begin) {
    if (rc != SQLITE_OK) return;
    const int b = static_cast<int>(begin), e = static_cast<int>(begin + word.size());
    german::fold(word, folded);
    german::stem(folded, stemmed);
    rc = emit(ctx, 0, stemmed.data(), static_cast<int>(stemmed.size()), b, e);
    if (folded.size() > german::kMaxPartWord) return;
    for (std::size_t i = 1; rc == SQLITE_OK && folded.size() - i >= german::kMinPart; ++i) {
      if ((static_cast<unsigned char>(folded[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 character
      part.assign(1, '#').append(folded, i, std::string::npos);
      rc = emit(ctx, FTS5_TOKEN_COLOCATED, part.data(), static_cast<int>(part.size()), b, e);
    }
  });
  return rc;
}

int tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int n, TokenFn emit) {
  try {
    const std::string_view t(text, n > 0 ? static_cast<std::size_t>(n) : 0);
    return (flags & FTS5_TOKENIZE_QUERY) ? query_tokens(ctx, t, emit) : document_tokens(ctx, t, emit);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (const std::exception&) {
    return SQLITE_ERROR;
  }
}

sqlite_api::fts5_api* fts5(sqlite_api::sqlite3* db) {
  sqlite_api::fts5_api* api = nullptr;
  sqlite_api::sqlite3_stmt* st = nullptr;
  if (sqlite_api::sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite_api::sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite_api::sqlite3_step(st);
  }
  sqlite_api::sqlite3_finalize(st);
  return api;
}

}  // namespace

void register_fts_german(void* sqlite3_handle) {
  auto* db = static_cast<sqlite_api::sqlite3*>(sqlite3_handle);
  auto* api = fts5(db);
  if (!api || api->iVersion < 2)
    throw std::runtime_error("This SQLite has no FTS5 (full-text search); install Debian's libsqlite3-0 3.40 or newer.");
  static sqlite_api::fts5_tokenizer tokenizer{create, destroy, tokenize};
  if (api->xCreateTokenizer(api, "quartier_german", nullptr, &tokenizer, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("Cannot register the German search tokenizer: ") + sqlite_api::sqlite3_errmsg(db));
}

}  // namespace qt::text
