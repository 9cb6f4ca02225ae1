using System.Diagnostics;

namespace Platform.Deploy.Tests;

public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public CommandResult Succeeded(string what) => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{what} exited with {ExitCode}:\n{Error}\n{Output}");
}

/// <summary>Runs the project's scripts and tools as a person would, with a deadline.</summary>
internal static class Command
{
    public static CommandResult Run(string file, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Checkout.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} took longer than {timeout}.");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.Result, error.Result);
    }
}
