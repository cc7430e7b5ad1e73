using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InfoDisclosure.Reports.Tests.Rendering;

/// <summary>
/// Headless Chromium (/usr/bin/chromium, installed by .ci/run) driven over the DevTools protocol,
/// so page tests measure what a browser really lays out and prints.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Events received so far (method and params), e.g. console messages and log entries.</summary>
    public IReadOnlyList<JsonObject> Events => _events.ToArray();

    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with `apt-get install -y chromium` (.ci/run does).");
        }
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var browser = new HeadlessChromium(process, profile);
        try
        {
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            var deadline = DateTime.UtcNow + Timeout;
            string[] lines = [];
            while (lines.Length < 2)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("Chromium did not open its DevTools port.");
                if (process.HasExited) throw new InvalidOperationException($"Chromium exited with code {process.ExitCode}.");
                await Task.Delay(50);
                if (File.Exists(portFile)) lines = (await File.ReadAllLinesAsync(portFile)).Where(l => l.Length > 0).ToArray();
            }
            await browser._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}"), CancellationToken.None);
            browser._receiving = Task.Run(browser.ReceiveLoop);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a tab with the given viewport and returns its session id.</summary>
    public async Task<string> NewPageAsync(int width, int height, bool mobile)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true });
        var session = attached["sessionId"]!.GetValue<string>();
        await SendAsync("Page.enable", session: session);
        await SendAsync("Runtime.enable", session: session);
        await SendAsync("Log.enable", session: session);
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = mobile,
        }, session);
        return session;
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task NavigateAsync(string session, Uri url)
    {
        var loadsBefore = CountEvents(session, "Page.loadEventFired");
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() }, session);
        var deadline = DateTime.UtcNow + Timeout;
        while (CountEvents(session, "Page.loadEventFired") == loadsBefore)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{url} did not load.");
            await Task.Delay(20);
        }
    }

    /// <summary>Evaluates an expression in the page (DevTools evaluation is not subject to the page's CSP).</summary>
    public async Task<JsonNode?> EvaluateAsync(string session, string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, session);
        if (result["exceptionDetails"] is { } error) throw new InvalidOperationException("Page script failed: " + error.ToJsonString());
        return result["result"]?["value"];
    }

    /// <summary>Prints the page as the browser would on paper, honouring the page's @page size.</summary>
    public async Task<byte[]> PrintToPdfAsync(string session)
    {
        var result = await SendAsync("Page.printToPDF", new JsonObject { ["preferCSSPageSize"] = true, ["printBackground"] = false }, session);
        return Convert.FromBase64String(result["data"]!.GetValue<string>());
    }

    /// <summary>Console and log messages of a page, e.g. Content-Security-Policy violations.</summary>
    public IReadOnlyList<string> Messages(string session) =>
        _events.Where(e => e["sessionId"]?.GetValue<string>() == session)
            .Select(e => e["method"]!.GetValue<string>() switch
            {
                "Log.entryAdded" => e["params"]?["entry"]?["text"]?.GetValue<string>(),
                "Runtime.consoleAPICalled" => e["params"]?["args"]?.ToJsonString(),
                "Runtime.exceptionThrown" => e["params"]?["exceptionDetails"]?.ToJsonString(),
                _ => null,
            })
            .OfType<string>()
            .ToList();

    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null, string? session = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (session is not null) message["sessionId"] = session;
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var response = await reply.Task.WaitAsync(Timeout);
        if (response["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return response["result"]?.AsObject() ?? new JsonObject();
    }

    private int CountEvents(string session, string method) =>
        _events.Count(e => e["method"]?.GetValue<string>() == method && e["sessionId"]?.GetValue<string>() == session);

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var reply)) reply.TrySetResult(json);
                else if (json["method"] is not null) _events.Enqueue(json);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
        foreach (var pending in _pending.Values) pending.TrySetException(new InvalidOperationException("Chromium connection closed."));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }
        await _receiving;
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium's helpers may still hold the profile for a moment; it is a temp folder.
        }
    }
}
