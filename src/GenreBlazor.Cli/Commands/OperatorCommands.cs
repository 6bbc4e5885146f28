using System.CommandLine;
using GenreBlazor.Core.Operators;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>operator-key</c> and <c>operator-password</c>: make the credentials of a server's operators. Each prints the secret
/// to keep (a key) or takes it from standard input (a password), and the hash that goes into the app's environment —
/// the server only ever holds hashes.
/// </summary>
internal static class OperatorCommands
{
    public static Command Key()
    {
        var command = new Command("operator-key", "Make a new operator API key and the hash the server is configured with.");
        command.SetAction(_ =>
        {
            var key = OperatorSecrets.NewKey();
            AnsiConsole.MarkupLine("[bold]Key[/] (give it to the operator; it is not stored anywhere):");
            Console.WriteLine(key);
            AnsiConsole.MarkupLine("[bold]Server setting[/] (environment of the app; the next key goes in __1, __2…):");
            Console.WriteLine($"Operators__ApiKeyHashes__0={OperatorSecrets.HashKey(key)}");
            return 0;
        });
        return command;
    }

    public static Command Password()
    {
        var command = new Command("operator-password", "Hash an operator password read from standard input (one line) for the server's configuration.");
        command.SetAction(_ =>
        {
            var password = Console.IsInputRedirected ? Console.In.ReadLine() : AnsiConsole.Prompt(new TextPrompt<string>("Operator password:").Secret());
            if (string.IsNullOrEmpty(password) || password.Length < 12)
            {
                Console.Error.WriteLine("An operator password has at least 12 characters.");
                return 2;
            }
            Console.WriteLine($"Operators__PasswordHash={OperatorSecrets.HashPassword(password)}");
            return 0;
        });
        return command;
    }
}
