using System.Runtime;

namespace InfoDisclosure.Cli;

/// <summary>
/// Multicore JIT for the command-line process: each run records which methods it compiled, and the next run of the same
/// kind compiles them on a spare core ahead of use. A check is a short process whose first report waits for half a
/// second of compiling (our readers are compiled optimized from the first call); the recorded profile takes most of
/// that off the path. The profile is kept per user (a cache: losing it only costs the next run that half second);
/// when it cannot be kept, nothing changes.
/// </summary>
public static class JitProfile
{
    /// <summary>Set by the executable only: commands run inside tests or other hosts do not record profiles.</summary>
    public static bool Enabled { get; set; }

    /// <summary>
    /// Starts recording (and playing) the profile <paramref name="name"/>: a command, and for check the kinds of file
    /// it reads, since a folder of DOCX compiles other methods than one of text.
    /// </summary>
    public static void Start(string name)
    {
        if (!Enabled) return;
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (root.Length == 0) return;
        var folder = Path.Combine(root, "infodisclosure", "jit");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        ProfileOptimization.SetProfileRoot(folder);
        ProfileOptimization.StartProfile($"{name}.jitprofile");
    }

    /// <summary>The profile's name for a check of <paramref name="files"/>: "check-docx-txt" and the like.</summary>
    public static string ForCheck(IEnumerable<string> files) =>
        string.Join('-', files.Select(f => Path.GetExtension(f).TrimStart('.').ToLowerInvariant()).Distinct().Order().Prepend("check"));
}
