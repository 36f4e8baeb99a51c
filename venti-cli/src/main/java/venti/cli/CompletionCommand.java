package venti.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * venti completion: prints a completion script for the whole command tree, made by picocli's
 * AutoComplete from the same model as the help. One script serves both shells: under zsh it
 * loads bashcompinit itself.
 */
@Command(name = "completion",
        header = "Print a bash or zsh completion script",
        description = {"Print a script that completes venti's commands and flags.",
                "bash: source <(./venti completion bash)   (add it to ~/.bashrc to keep it)",
                "zsh:  source <(./venti completion zsh)    (add it to ~/.zshrc to keep it)"})
final class CompletionCommand implements Callable<Integer> {

    /** The shells a script is printed for. */
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "shell", description = "bash or zsh.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // the whole tree: a command line registers only the command it names
        CommandLine tree = Main.tree();
        spec.commandLine().getOut().print(AutoComplete.bash(tree.getCommandName(), tree));
        return Cmds.finish(spec, true);
    }
}
