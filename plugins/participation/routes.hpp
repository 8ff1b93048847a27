#pragma once
// What plugin.cpp wires: routes (one function per file, every path under /api/p/participation),
// migrations and the privacy hooks.
#include <cstdint>
#include <string>

#include <quartier/plugin.hpp>

namespace participation {

void add_topic_routes(quartier::Plugin& plugin);     // routes_topics.cpp: topics and their departments
void add_question_routes(quartier::Plugin& plugin);  // routes_questions.cpp: ask, read, list, mine
void add_staff_routes(quartier::Plugin& plugin);     // routes_staff.cpp: queue, status changes, answers
void add_social_routes(quartier::Plugin& plugin);    // routes_social.cpp: follow and support
void add_project_routes(quartier::Plugin& plugin);   // routes_projects.cpp: meinBerlin cards and status
void add_figure_routes(quartier::Plugin& plugin);    // routes_figures.cpp: figures per department, CSV

void add_migrations(quartier::Plugin& plugin);  // migrations.cpp: both dialects

// privacy.cpp: a person's part of the data export, and what erasure leaves: answered questions
// stay, without the asker (the answer is of public interest); everything else of theirs goes.
std::string export_person(std::int64_t user);
void erase_person(std::int64_t user);

}  // namespace participation
