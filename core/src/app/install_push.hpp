#pragma once
// Installs Web Push into the running server (after the content module, whose notifier it hooks):
// the /api/push routes, the durable job "core.push.send" (domain/push/sender.hpp), the privacy
// provider "push" (the person's subscriptions), and at start() the VAPID key
// ([push] vapid_key_file, made on the first start). With [push] enabled = false only
// GET /api/push/config answers, with enabled false, and nothing is sent.
#include <memory>

#include "app/services.hpp"

namespace qt::push {

std::unique_ptr<qt::app::Module> install(qt::app::Services& services);

}  // namespace qt::push
