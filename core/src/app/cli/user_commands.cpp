#include "app/cli/user_commands.hpp"

#include <iostream>
#include <unistd.h>

#include <fmt/format.h>

#include "app/cli/command_env.hpp"
#include "domain/credentials/password.hpp"
#include "domain/credentials/tokens.hpp"
#include "domain/errors/error.hpp"
#include "domain/municipality/neighbourhoods.hpp"

namespace qt::accounts {
namespace {

// A domain::Error from the shared operations carries the operator-facing message.
int run(cli::Context& ctx, const std::function<int(CommandEnv&)>& fn) {
  int code = 0;
  cli::guarded(ctx, [&] {
    try {
      auto env = open_for_command(ctx.load_config());
      return fn(*env);
    } catch (const domain::Error& e) {
      std::cerr << "quartier: " << e.what() << "\n";
      return 1;
    }
  });
  code = ctx.exit_code;
  return code;
}

std::int64_t user_id_by_email(CommandEnv& env, const std::string& email) {
  auto lease = env.db->read();
  auto u = load_user_by_email(lease.session(), email);
  if (!u || u->status == "deleted") throw domain::Error(domain::ErrorKind::not_found, "user_not_found", "no account with the e-mail address " + email);
  return u->id;
}

// A generated password: four groups from the printed-code alphabet, 19 characters, ~78 bits.
std::string generated_password() { return random_code(4); }

// user add
struct AddArgs {
  std::string email, name, role = "resident", department, neighbourhood;
  bool password_stdin = false;
};

std::int64_t neighbourhood_by_slug(CommandEnv& env, const std::string& slug) {
  auto lease = env.db->read();
  long long id = 0;
  lease.session() << "SELECT id FROM neighbourhoods WHERE slug = :s", soci::use(slug), soci::into(id);
  if (!lease.session().got_data())
    throw domain::Error(domain::ErrorKind::not_found, "unknown_neighbourhood", "no neighbourhood with the slug " + slug);
  return id;
}

int add_user(CommandEnv& env, const AddArgs& add) {
  NewUser n;
  n.email = add.email;
  n.display_name = add.name;
  n.role = add.role;
  n.department = add.department;
  if (add.password_stdin) {
    std::getline(std::cin, n.password);
    if (!n.password.empty() && n.password.back() == '\r') n.password.pop_back();
  } else {
    n.password = generated_password();
  }
  if (!add.neighbourhood.empty()) n.neighbourhood_id = neighbourhood_by_slug(env, add.neighbourhood);
  const auto id = env.accounts->create_user(n, 0);
  std::cout << fmt::format("created {} account {} (id {})\n", n.role, normalise_email(n.email), id);
  if (!add.password_stdin) std::cout << "password: " << n.password << "\n(shown once; please change it after the first login)\n";
  return 0;
}

void add_add_command(CLI::App* user, cli::Context& ctx) {
  static AddArgs add;  // CLI11 writes into it while parsing: it must outlive this function
  auto* cmd = user->add_subcommand("add", "Create an active account (e.g. the first admin).");
  cmd->add_option("--email", add.email, "E-mail address (login name).")->required();
  cmd->add_option("--name", add.name, "Display name.")->required();
  cmd->add_option("--role", add.role, "resident, staff, moderator or admin.")
      ->check(CLI::IsMember({"resident", "staff", "moderator", "admin"}));
  cmd->add_option("--department", add.department, "Staff: the office shown with the name.");
  cmd->add_option("--neighbourhood", add.neighbourhood, "Home neighbourhood by slug.");
  cmd->add_flag("--password-stdin", add.password_stdin,
                "Read the password from standard input (else one is generated and printed once).");
  cmd->callback([&ctx] { run(ctx, [](CommandEnv& env) { return add_user(env, add); }); });
}

// user list
int list_users(CommandEnv& env, const std::string& list_role, const std::string& list_status) {
  auto lease = env.db->read();
  long long id = 0;
  std::string email, role, status, name;
  const long long all_role = list_role.empty() ? 1 : 0, all_status = list_status.empty() ? 1 : 0;
  soci::statement st = (lease.session().prepare
                            << "SELECT id, email, role, status, display_name FROM users "
                               "WHERE (:ra = 1 OR role = :r) AND (:sa = 1 OR status = :s) ORDER BY id",
                        soci::use(all_role), soci::use(list_role), soci::use(all_status), soci::use(list_status),
                        soci::into(id), soci::into(email), soci::into(role), soci::into(status), soci::into(name));
  st.execute();
  std::cout << fmt::format("{:>6}  {:<36} {:<10} {:<10} {}\n", "id", "e-mail", "role", "status", "name");
  while (st.fetch()) std::cout << fmt::format("{:>6}  {:<36} {:<10} {:<10} {}\n", id, email, role, status, name);
  return 0;
}

void add_list_command(CLI::App* user, cli::Context& ctx) {
  static std::string list_role, list_status;
  auto* cmd = user->add_subcommand("list", "List accounts (id, e-mail, role, status, name).");
  cmd->add_option("--role", list_role, "Only this role.");
  cmd->add_option("--status", list_status, "Only this status (pending, active, disabled, suspended, deleted).");
  cmd->callback([&ctx] { run(ctx, [](CommandEnv& env) { return list_users(env, list_role, list_status); }); });
}

// user set-role
void add_set_role_command(CLI::App* user, cli::Context& ctx) {
  static std::string role_email, role_value, role_department;
  static bool role_department_set = false;
  auto* cmd = user->add_subcommand("set-role", "Change an account's role (audited; its sessions end).");
  cmd->add_option("EMAIL", role_email, "The account's e-mail address.")->required();
  cmd->add_option("ROLE", role_value, "resident, staff, moderator or admin.")
      ->required()
      ->check(CLI::IsMember({"resident", "staff", "moderator", "admin"}));
  cmd->add_option("--department", role_department, "Staff: the office shown with the name.")
      ->each([](const std::string&) { role_department_set = true; });
  cmd->callback([&ctx] {
    run(ctx, [](CommandEnv& env) {
      const auto id = user_id_by_email(env, role_email);
      env.accounts->change_role(0, id, role_value,
                                role_department_set ? std::optional<std::string>(role_department) : std::nullopt);
      std::cout << fmt::format("{} is now {}\n", normalise_email(role_email), role_value);
      return 0;
    });
  });
}

// user disable / enable
void add_status_commands(CLI::App* user, cli::Context& ctx) {
  static std::string status_email;
  for (const auto& [name, status, help] :
       {std::tuple<const char*, const char*, const char*>{"disable", "disabled", "Disable an account (its sessions end)."},
        {"enable", "active", "Enable a disabled or pending account."}}) {
    auto* cmd = user->add_subcommand(name, help);
    cmd->add_option("EMAIL", status_email, "The account's e-mail address.")->required();
    const std::string target = status;
    cmd->callback([&ctx, target] {
      run(ctx, [&target](CommandEnv& env) {
        const auto id = user_id_by_email(env, status_email);
        env.accounts->change_status(0, id, target);
        std::cout << fmt::format("{} is now {}\n", normalise_email(status_email), target);
        return 0;
      });
    });
  }
}

}  // namespace

void add_user_commands(CLI::App& app, cli::Context& ctx) {
  auto* user = app.add_subcommand("user", "Manage accounts: add, list, set-role, disable, enable.");
  user->require_subcommand(1);
  add_add_command(user, ctx);
  add_list_command(user, ctx);
  add_set_role_command(user, ctx);
  add_status_commands(user, ctx);
}

}  // namespace qt::accounts
