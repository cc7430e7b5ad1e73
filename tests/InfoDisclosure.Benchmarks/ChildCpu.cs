using System.Globalization;

namespace InfoDisclosure.Benchmarks;

/// <summary>
/// The CPU time (user + system, every thread) of this process's children that have exited and been waited for, from
/// /proc/self/stat (cutime, cstime): the difference around one timed child is its CPU time, which the neighbours on a
/// shared machine do not inflate as they do its wall time. 0 where there is no /proc.
/// </summary>
internal static class ChildCpu
{
    public static double Milliseconds()
    {
        if (!File.Exists("/proc/self/stat")) return 0;
        var stat = File.ReadAllText("/proc/self/stat");
        // The fields after the command name (which may hold spaces), from field 3 (state) on: cutime and cstime are fields 16 and 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / ClockTicksPerSecond;
    }

    /// <summary>USER_HZ, 100 on every Linux this runs on.</summary>
    private const double ClockTicksPerSecond = 100;
}
