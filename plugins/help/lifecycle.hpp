#pragma once
// A request's way from open to done, withdrawn or expired, kept in step with its stream card.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model.hpp"

namespace help {

// Re-writes the core item (title, summary, card with status and responses).
void update_card(const Request& r);
// The item's title for the stream, in German (the stream card is drawn per language by the UI).
std::string item_title(const Request& r);

// Moves r to `status` (and helper/closed_at as given) if it is still in `from_a` or `from_b`;
// false when someone else changed it first. Updates the card. Inside a transaction.
bool move(Request& r, std::string_view status, std::string_view from_a, std::string_view from_b);

// Moves r from "someone helps" with its current helper to `status` with helper `to` (nullopt:
// open again, nobody); false when the status or the helper changed first. Updates the card.
bool change_helper(Request& r, std::optional<std::int64_t> to, std::string_view status);

// A notice to one person about r, in German and English (the core picks their language).
void notify_person(std::int64_t to, std::int64_t actor, const Request& r, std::string kind, std::string de, std::string en,
                   std::string body = {});

// The durable job "expire": {"id": N}; closes the request as expired when its date has passed.
void register_expiry_job();
void enqueue_expiry(const Request& r);

// content.deleted of our item (a moderator removed it, the author's account went): drop the rows.
void drop_request_of_content(std::string_view json);

}  // namespace help
