using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace InfoDisclosure.Infra.Tests;

/// <summary>One diagnostic line of the Bicep CLI: "file(line,col) : Warning rule-name: message".</summary>
public sealed record BicepDiagnostic(string File, int Line, string Level, string Code, string Message)
{
    public override string ToString() => $"{Path.GetFileName(File)}({Line}) {Level} {Code}: {Message}";
}

public sealed record BicepRun(int ExitCode, string Output, IReadOnlyList<BicepDiagnostic> Diagnostics)
{
    public IEnumerable<BicepDiagnostic> ErrorsAndWarnings => Diagnostics.Where(d => d.Level is "Error" or "Warning");
}

/// <summary>
/// Runs the bicep binary shipped in the Azure.Bicep.CommandLine.linux-x64 NuGet package (path stamped into this
/// assembly at build time). It works offline as long as templates use local modules only.
/// </summary>
public static partial class Bicep
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string ExecutablePath { get; } = FindExecutable();

    public static BicepRun Build(string template, string outputDirectory) => Run("build", template, "--outdir", outputDirectory);

    public static BicepRun Lint(string template) => Run("lint", template);

    public static IReadOnlyList<BicepDiagnostic> ParseDiagnostics(string output) =>
        DiagnosticLine().Matches(output)
            .Select(m => new BicepDiagnostic(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups["level"].Value, m.Groups["code"].Value, m.Groups["message"].Value.Trim()))
            .ToList();

    private static BicepRun Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }
        var output = stdout.Result + stderr.Result;
        return new BicepRun(process.ExitCode, output, ParseDiagnostics(output));
    }

    private static string FindExecutable()
    {
        var stamped = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(stamped) || !File.Exists(stamped))
        {
            throw new InvalidOperationException(
                $"The bicep binary of the Azure.Bicep.CommandLine.linux-x64 package was not found (stamped path: '{stamped}'). Restore the test project.");
        }
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The templates are checked with the linux-x64 bicep binary; run these tests on Linux (as CI does).");
        }
        // NuGet extraction does not always keep the executable bit.
        var mode = File.GetUnixFileMode(stamped);
        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0) File.SetUnixFileMode(stamped, mode | executable);
        return stamped;
    }

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),(?<col>\d+)\) : (?<level>Error|Warning|Info) (?<code>[^:\s]+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
