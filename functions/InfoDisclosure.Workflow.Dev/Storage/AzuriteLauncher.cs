using InfoDisclosure.Workflow.Dev.Hosting;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InfoDisclosure.Workflow.Dev.Storage;

/// <summary>How to start Azurite. Ports 0 mean "pick free ports"; no data directory means in-memory.</summary>
public sealed record AzuriteOptions
{
    /// <summary>The repository root (the folder with InfoDisclosure.sln and package.json); found from the current directory when null.</summary>
    public string? RepoRoot { get; init; }

    /// <summary>Where Azurite keeps its data (--location); null keeps everything in memory (--inMemoryPersistence).</summary>
    public string? DataDirectory { get; init; }

    public int BlobPort { get; init; }
    public int QueuePort { get; init; }
    public int TablePort { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Preload azurite-speed-fixes.js, which removes Azurite's per-request work that grows with everything it holds
    /// (same answers, docs/throughput.md); false runs Azurite exactly as published.
    /// </summary>
    public bool SpeedFixes { get; init; } = true;

    /// <summary>Where progress messages go (installing, started); Console.Error when null.</summary>
    public TextWriter? Log { get; init; }
}

/// <summary>
/// Azurite as a child process: installs it into the repository with npm on first use, starts it on the given
/// (or free) ports, waits until the blob, queue and table ports accept connections, and kills it on Dispose.
/// </summary>
public sealed class AzuriteLauncher : IDisposable, IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (public, documented by Microsoft; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private AzuriteLauncher(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public int ProcessId => _process.Id;

    public string ConnectionString => BuildConnectionString(BlobPort, QueuePort, TablePort);

    public static string BuildConnectionString(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>The folder holding InfoDisclosure.sln, walking up from <paramref name="startDirectory"/>.</summary>
    public static string FindRepoRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "InfoDisclosure.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"InfoDisclosure.sln not found in {startDirectory} or any folder above it.");
    }

    /// <summary>The Azurite start script inside the repository's node_modules.</summary>
    public static string AzuriteExecutable(string repoRoot) =>
        Path.Combine(repoRoot, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");

    /// <summary>Azurite's own entry point, run by node.</summary>
    private static string AzuriteScript(string repoRoot) =>
        Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>The preload that makes Azurite's in-memory stores scale (see <see cref="AzuriteOptions.SpeedFixes"/>).</summary>
    private static string SpeedFixesScript(string repoRoot) =>
        Path.Combine(repoRoot, "functions", "InfoDisclosure.Workflow.Dev", "Storage", "azurite-speed-fixes.js");

    public static async Task<AzuriteLauncher> StartAsync(AzuriteOptions? options = null, CancellationToken ct = default)
    {
        options ??= new AzuriteOptions();
        var log = options.Log ?? Console.Error;
        var repoRoot = options.RepoRoot ?? FindRepoRoot(Directory.GetCurrentDirectory());
        await EnsureInstalledAsync(repoRoot, log, ct);

        // A free port found now may be taken before Azurite binds it; try again with new ports then.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var blob = options.BlobPort != 0 ? options.BlobPort : LoopbackPorts.Free();
            var queue = options.QueuePort != 0 ? options.QueuePort : LoopbackPorts.Free(blob);
            var table = options.TablePort != 0 ? options.TablePort : LoopbackPorts.Free(blob, queue);
            var launcher = Launch(repoRoot, options, blob, queue, table);
            try
            {
                await launcher.WaitUntilListeningAsync(options.StartTimeout, ct);
                return launcher;
            }
            catch (Exception) when (attempt < attempts && launcher._process.HasExited && !ct.IsCancellationRequested)
            {
                launcher.Dispose();
            }
            catch
            {
                launcher.Dispose();
                throw;
            }
        }
    }

    private static AzuriteLauncher Launch(string repoRoot, AzuriteOptions options, int blob, int queue, int table)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.SpeedFixes)
        {
            start.ArgumentList.Add("--require");
            start.ArgumentList.Add(SpeedFixesScript(repoRoot));
        }
        start.ArgumentList.Add(AzuriteScript(repoRoot));
        foreach (var arg in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                     "--skipApiVersionCheck", "--silent", "--loose", "--disableTelemetry",
                 })
        {
            start.ArgumentList.Add(arg);
        }
        if (options.DataDirectory is { } location)
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        else
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var launcher = new AzuriteLauncher(process, blob, queue, table);
        process.OutputDataReceived += (_, e) => launcher.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => launcher.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return launcher;
    }

    private void Capture(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 16_000) _output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsConnectionsAsync(port, ct))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}:\n{CapturedOutput}");
                }
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"Azurite did not listen on port {port} within {timeout.TotalSeconds:0} s:\n{CapturedOutput}");
                }
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>What Azurite printed (its first 16,000 characters): start-up lines, the speed fixes' line, errors.</summary>
    public string CapturedOutput
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Whether something listens on the loopback port (an Azurite of ours, or one left running).</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Runs npm in the repository when Azurite is not installed yet (first run on a fresh machine).</summary>
    public static async Task EnsureInstalledAsync(string repoRoot, TextWriter log, CancellationToken ct)
    {
        if (File.Exists(AzuriteExecutable(repoRoot))) return;
        await InstallLock.WaitAsync(ct);
        try
        {
            if (File.Exists(AzuriteExecutable(repoRoot))) return;
            var command = File.Exists(Path.Combine(repoRoot, "package-lock.json")) ? "ci" : "install";
            log.WriteLine($"Azurite is not installed yet: running `npm {command}` in {repoRoot} (first run only)...");
            var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            {
                WorkingDirectory = repoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            npm.ArgumentList.Add(command);
            npm.ArgumentList.Add("--no-audit");
            npm.ArgumentList.Add("--no-fund");
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm did not start; install Node.js.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0 || !File.Exists(AzuriteExecutable(repoRoot)))
            {
                throw new InvalidOperationException($"`npm {command}` failed (exit {process.ExitCode}):\n{await stdout}\n{await stderr}");
            }
            log.WriteLine("Azurite installed.");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>
    /// SIGTERM and wait (killed after <paramref name="timeout"/>): Azurite writes its data out and closes its ports, as
    /// storage that goes away keeps what it acknowledged. Start it again with the same ports and data directory.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited && !OperatingSystem.IsWindows() && SysKill(_process.Id, SigTerm) == 0)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Still running: killed below.
            }
        }
        Dispose();
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
