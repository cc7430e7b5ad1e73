using System.Diagnostics;
using System.Text;

namespace InfoDisclosure.Benchmarks;

/// <summary>How a timed run starts the CLI: a build's infodisclosure.dll through dotnet, or a native executable as it is.</summary>
internal static class CliProcess
{
    public static ProcessStartInfo StartInfo(string cli, IEnumerable<string> arguments)
    {
        var managed = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(managed ? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet" : cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (managed) start.ArgumentList.Add(cli);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
