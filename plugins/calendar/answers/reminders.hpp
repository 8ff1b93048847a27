#pragma once
// Reminders a day and an hour before a date, as each person chose with their answer, through
// the core's notifications (in the recipient's language) from one durable schedule: it runs
// once per interval in the whole cluster, and a row per sent reminder keeps it from ever
// going out twice, also when a run is repeated after a crash.
#include <quartier/plugin.hpp>

namespace calendar {
void add_reminders(quartier::Plugin& plugin);
// At start: the durable schedule, every reminder_interval_seconds.
void start_reminders();
// One run: every reminder now due (the dates starting within the next day or hour).
void send_due_reminders(std::int64_t now);
}  // namespace calendar
