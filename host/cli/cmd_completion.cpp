// `factpipe completion bash`: a bash completion script generated from the command line's own definition
// (the CLI11 App), so a new command or option completes without anyone editing a script.
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli.hpp"

namespace factpipe::cli {

namespace {

struct Node {
  std::string path;  // "plugins info"
  std::vector<std::string> subcommands, options, value_options;
};

void collect(const CLI::App& app, const std::string& path, std::vector<Node>& out) {
  Node node;
  node.path = path;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* a) { return !a->get_name().empty(); }))
    node.subcommands.push_back(sub->get_name());
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_positional()) continue;
    bool takes_value = opt->get_items_expected_max() > 0;  // 0 for flags
    for (const auto& s : opt->get_snames()) {
      node.options.push_back("-" + s);
      if (takes_value) node.value_options.push_back("-" + s);
    }
    for (const auto& l : opt->get_lnames()) {
      node.options.push_back("--" + l);
      if (takes_value) node.value_options.push_back("--" + l);
    }
  }
  out.push_back(node);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* a) { return !a->get_name().empty(); }))
    collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

std::string words(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : " ") + i;
  return out;
}

}  // namespace

std::string bash_completion_script(const CLI::App& app) {
  std::vector<Node> nodes;
  collect(app, "", nodes);
  std::string table;
  for (const auto& n : nodes)
    table += "    \"" + n.path + "\") subs=\"" + words(n.subcommands) + "\"; opts=\"" + words(n.options) +
             "\"; valopts=\"" + words(n.value_options) + "\" ;;\n";
  return "# bash completion for factpipe, generated from its command line by `factpipe completion bash`.\n"
         "# Install: factpipe completion bash > /etc/bash_completion.d/factpipe (cmake --install does so)\n"
         "_factpipe_node() {\n"
         "  case \"$1\" in\n" +
         table +
         "    *) subs=\"\"; opts=\"\"; valopts=\"\" ;;\n"
         "  esac\n"
         "}\n"
         "_factpipe() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
         "  local path=\"\" subs opts valopts i w\n"
         "  _factpipe_node \"$path\"\n"
         "  # Walk the words before the cursor: subcommands deepen the path, an option's value is skipped.\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    w=\"${COMP_WORDS[i]}\"\n"
         "    if [[ \" $subs \" == *\" $w \"* ]]; then\n"
         "      path=\"${path:+$path }$w\"\n"
         "      _factpipe_node \"$path\"\n"
         "    elif [[ \" $valopts \" == *\" $w \"* ]]; then\n"
         "      ((i++))\n"
         "    fi\n"
         "  done\n"
         "  # An option's value: files (bash's default completion).\n"
         "  if [[ \" $valopts \" == *\" $prev \"* ]]; then COMPREPLY=(); return; fi\n"
         "  if [[ \"$cur\" == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
         "  else\n"
         "    COMPREPLY=($(compgen -W \"$subs\" -- \"$cur\"))\n"
         "  fi\n"
         "}\n"
         "complete -o default -F _factpipe factpipe\n";
}

std::function<int()> add_completion_command(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("completion", "print a shell completion script (bash)");
  cmd->add_option("shell", *shell, "the shell: bash")->required()->check(CLI::IsMember({"bash"}));
  cmd->footer("\nExample:\n  source <(factpipe completion bash)    # in ~/.bashrc");
  cmd->fallthrough();
  // The lambda owns `shell`: the option writes into it when the command line is parsed, after this returns.
  return [cmd, &app, shell]() -> int {
    if (!*cmd) return -1;
    std::cout << bash_completion_script(app);
    return 0;
  };
}

}  // namespace factpipe::cli
