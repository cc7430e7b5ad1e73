using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>
/// The built local host (<c>dotnet InfoDisclosure.LocalHost.dll</c>) as a separate OS process, so a test can
/// kill -9 it the way a crash would and start it again on the same storage.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    /// <summary>Printed by the host when it accepts requests (InfoDisclosure.LocalHost.Hosting.StartupBanner.ReadyLine).</summary>
    public const string ReadyLine = "InfoDisclosure local host is ready.";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalHostProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the host printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static async Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var process = Launch(environment);
        var host = new LocalHostProcess(process);
        process.OutputDataReceived += (_, e) => host.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => host.Capture(e.Data);
        process.Exited += (_, _) => host._ready.TrySetException(new InvalidOperationException($"The local host exited with code {SafeExitCode(process)}:\n{host.Output}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await host._ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await host.KillAsync();
            throw new TimeoutException($"The local host was not ready within {timeout.TotalSeconds:0} s:\n{host.Output}");
        }
        catch
        {
            await host.KillAsync();
            throw;
        }
        return host;
    }

    /// <summary>Starts the host expecting it to stop by itself (e.g. refusing its settings): its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        await using var host = new LocalHostProcess(Launch(environment));
        host._process.OutputDataReceived += (_, e) => host.Capture(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Capture(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await host._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The local host was still running after {timeout.TotalSeconds:0} s:\n{host.Output}");
        }
        return (host._process.ExitCode, host.Output);
    }

    private static Process Launch(IReadOnlyDictionary<string, string> environment)
    {
        var dll = HostPaths.LocalHostDll;
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root (appsettings.json, Seed/) is the working directory of a `dotnet x.dll` start.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private void Capture(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            // Keep the start and the most recent output; a long run must not grow without bound.
            if (_output.Length > 200_000) _output.Remove(20_000, _output.Length - 100_000);
            _output.AppendLine(line);
        }
        if (line.Contains(ReadyLine, StringComparison.Ordinal)) _ready.TrySetResult();
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// SIGTERM and wait: the host drains and stops as it would under a service manager. True when it exited by itself
    /// within <paramref name="timeout"/>; otherwise it is killed.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        if (OperatingSystem.IsWindows() || SysKill(_process.Id, SigTerm) != 0)
        {
            await KillAsync();
            return false;
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    /// <summary>The exit code once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
