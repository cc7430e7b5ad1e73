using System.Reflection;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>Build outputs of the two hosts, stamped into the test assembly by the test project (see its csproj).</summary>
public static class HostPaths
{
    public static string LocalHostDll => Stamped("LocalHostDll");

    /// <summary>The Functions app's assembly, whose trigger attributes a test reads.</summary>
    public static string FunctionsDll => Stamped("FunctionsDll");

    /// <summary>The Functions app's build output folder (holds functions.metadata).</summary>
    public static string FunctionsOutputDirectory => Path.GetDirectoryName(FunctionsDll)!;

    public static string RepoRoot => TestPaths.RepoRoot;

    private static string Stamped(string key)
    {
        var value = typeof(HostPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
        if (string.IsNullOrEmpty(value) || !File.Exists(value))
            throw new InvalidOperationException($"{key} '{value}' does not exist; build the test project (it builds the hosts).");
        return value;
    }
}
