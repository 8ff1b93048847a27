#pragma once
// The SQLite FTS5 tokenizer "quartier_german" (content_fts, migration 0067). For each word of a
// text it indexes the Snowball stem of the folded word (german.hpp) and, at the same position,
// every inner part of the folded word of at least kMinPart bytes, each marked with a leading
// '#' ("#putz", "#jahrsputz", ... for "Frühjahrsputz"): a prefix query on '#'+stem then finds
// the word inside compounds, while a plain term finds only whole words. Queries are written in
// tokens already (the search service folds and stems them): in a MATCH string the tokenizer
// only splits at spaces. Every connection that writes content must have it registered.
namespace qt::text {

// Registers the tokenizer on an open SQLite connection (a sqlite3*); throws std::runtime_error
// if FTS5 is missing.
void register_fts_german(void* sqlite3_handle);

}  // namespace qt::text
