using InfoDisclosure.Workflow.Dev.Hosting;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Dev.Storage;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Benchmarks.Load;

/// <summary>
/// <c>dotnet run -c Release --project tests/InfoDisclosure.Benchmarks -- load [N] [--poll MS]</c>
/// <para>
/// Starts Azurite and the built local host (its testing mode on), creates N reports (default 200), submits them and
/// approves every level of the 三审三校 chain, all reports concurrently, and prints the throughput and the p50/p95 latency
/// from a decision's HTTP 202 to the orchestration reaching the next level (its custom status, polled every MS ms,
/// default 200, or N above 200 reports, for all reports in one query; the host runs with the production engine settings, EngineSettings). In the same run it measures the engine's floor: N bare orchestrations that wait for one external event,
/// from the raise's 202 to Completed, polled the same way. Bounded: every wait has a time limit; it stops by itself.
/// </para>
/// </summary>
public static class LoadBenchmark
{
    private const int Levels = 3;
    private const int Year = 2022;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200;
        var pollIndex = Array.IndexOf(args, "--poll");
        // One poll reads every instance, so above 200 reports it comes less often (N ms): the observer's reads stay a small part of the load.
        var poll = TimeSpan.FromMilliseconds(pollIndex >= 0 && pollIndex + 1 < args.Length ? int.Parse(args[pollIndex + 1]) : Math.Max(200, count));
        // Azurite as published, without azurite-speed-fixes.js: to compare with the default.
        var plainAzurite = args.Contains("--plain-azurite");
        var seedText = await File.ReadAllTextAsync(Path.Combine(HostPaths.RepoRoot, "functions", "InfoDisclosure.LocalHost", "Seed", "2022_hongsibu_approval_bureau.txt"));

        Console.WriteLine($"Load benchmark: {count} reports x {Levels} levels, local host on Azurite, {Environment.ProcessorCount} cores, polling every {poll.TotalMilliseconds:0} ms, host queue polling at most every {InfoDisclosure.Workflow.Hosting.EngineSettings.Shared.MaxQueuePollingInterval.TotalSeconds:0.#} s (EngineSettings), Azurite {(plainAzurite ? "as published" : "with azurite-speed-fixes.js")}");
        await using var azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions
        {
            RepoRoot = HostPaths.RepoRoot,
            Log = TextWriter.Null,
            // On a loaded machine Node.js alone can take over a minute to start.
            StartTimeout = TimeSpan.FromMinutes(3),
            SpeedFixes = !plainAzurite,
        });
        // The host's mail (sign-in links, review requests, 报送) goes to an SMTP server here: reviewers sign in through it.
        await using var smtp = await EmbeddedSmtpServer.StartAsync(new DevMailbox(TimeProvider.System));
        var key = "bench-" + Guid.NewGuid().ToString("N");
        var port = LoopbackPorts.Free();
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TaskHubName"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["Api__Key"] = key,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["LocalHost__SeedDemo"] = "false",
            ["LocalHost__TestingTasks"] = "true",
            ["LocalHost__DataDirectory"] = Path.Combine(Path.GetTempPath(), "infodisclosure-bench-" + port),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, TimeSpan.FromSeconds(120));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(100),
        };
        http.DefaultRequestHeaders.Add("x-functions-key", key);
        var reviewers = new List<HttpClient>();
        await using var run = new LoadRun(http, reviewers, poll);

        var setup = Stopwatch.StartNew();
        var reports = Enumerable.Range(1, count).Select(i => $"bench-{i:D4}").ToList();
        await ForEachAsync(reports, 16, agency => run.PrepareAsync(agency, seedText));
        Console.WriteLine($"  set-up: {count} agencies and reports with a clean draft in {setup.Elapsed.TotalSeconds:0.0} s");
        // A decision is a signed-in reviewer's (never the API key's): one session per level's reviewer, for every report.
        // Sign-in links go to people the agencies name, so this comes after the set-up.
        for (var level = 1; level <= Levels; level++) reviewers.Add(await SignInAsync(http.BaseAddress!, smtp.Mailbox, ReviewerEmail(level)));

        (await http.PostAsync("testing/profile/reset", null)).Dispose();
        var loadBefore = LoadAverage();
        var cpuBefore = (Host: CpuSeconds(host.ProcessId), Azurite: CpuSeconds(azurite.ProcessId));
        var chain = Stopwatch.StartNew();
        var review = Task.WhenAll(reports.Select(run.ReviewAsync));
        // A progress line every 30 s: a long run shows whether it moves, and where instances sit if it does not.
        while (await Task.WhenAny(review, Task.Delay(TimeSpan.FromSeconds(30))) != review)
        {
            Console.WriteLine($"  [{chain.Elapsed.TotalSeconds:0} s] {run.Progress()}");
        }
        var outcomes = await review;
        chain.Stop();
        var loadAfter = LoadAverage();
        var cpu = (Host: CpuSeconds(host.ProcessId) - cpuBefore.Host, Azurite: CpuSeconds(azurite.ProcessId) - cpuBefore.Azurite);
        var profile = await ProfileAsync(http);

        var floorClock = Stopwatch.StartNew();
        var floor = await run.FloorAsync(count);
        floorClock.Stop();

        var latencies = outcomes.SelectMany(o => o.Latencies).ToList();
        var failed = outcomes.Where(o => o.Error is not null).ToList();
        var published = outcomes.Count(o => o.Error is null);
        Console.WriteLine($"  reports published: {published}/{count} in {chain.Elapsed.TotalSeconds:0.0} s " +
                          $"({published / chain.Elapsed.TotalSeconds:0.00} reports/s, {latencies.Count / chain.Elapsed.TotalSeconds:0.0} decisions/s)");
        Console.WriteLine($"  decision 202 -> next level:       {Summary(latencies)}");
        Console.WriteLine($"  floor (bare orchestration, 1 event, {count} at once, {floorClock.Elapsed.TotalSeconds:0.0} s): {Summary(floor.Latencies)}");
        if (latencies.Count > 0 && floor.Latencies.Count > 0)
        {
            Console.WriteLine($"  p50 ratio decision/floor: {Percentile(latencies, 50) / Percentile(floor.Latencies, 50):0.00} (goal <= 2)");
        }
        PrintProfile(profile, count);
        // CPU time per report does not depend on what else the machine runs, unlike every duration above.
        Console.WriteLine($"  CPU time of the review phase: host {cpu.Host:0.0} s ({cpu.Host * 1000 / count:0} ms per report), " +
                          $"Azurite {cpu.Azurite:0.0} s ({cpu.Azurite * 1000 / count:0} ms per report); wall {chain.Elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores");
        Console.WriteLine($"  host peak memory (VmHWM): {PeakMemory(host.ProcessId)}");
        Console.WriteLine($"  load average (1, 5, 15 min) of the machine: {loadBefore} before the review phase, {loadAfter} after it");
        Console.WriteLine($"  decisions refused with 409 while the index caught up (retried): {run.Retries}");
        Console.WriteLine($"  failed or stuck instances: {failed.Count + floor.Failed}");
        foreach (var failure in failed.Take(5)) Console.WriteLine($"    {failure.Agency}: {failure.Error}");
        return failed.Count + floor.Failed == 0 ? 0 : 1;
    }

    /// <summary>The host's cost profile; none when a starved host does not answer in time (the run's other figures still count).</summary>
    private static async Task<Dictionary<string, SeriesSummary>> ProfileAsync(HttpClient http)
    {
        try
        {
            return await http.GetFromJsonAsync<Dictionary<string, SeriesSummary>>("testing/profile") ?? [];
        }
        catch (TaskCanceledException)
        {
            Console.WriteLine("  (the host did not send its cost profile within the HTTP timeout)");
            return [];
        }
    }

    /// <summary>One series of the host's cost profile (InfoDisclosure.LocalHost CostProfile), in milliseconds.</summary>
    private sealed record SeriesSummary(int Count, double P50, double P95, double Max, double Total);

    /// <summary>The host's cost profile of the review phase: what each step costs, what it waits for, how often it calls storage.</summary>
    private static void PrintProfile(IReadOnlyDictionary<string, SeriesSummary> profile, int reports)
    {
        void Section(string title, string prefix, Func<string, SeriesSummary, string> line)
        {
            var rows = profile.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderByDescending(p => p.Value.Total).ToList();
            if (rows.Count == 0) return;
            Console.WriteLine($"    {title}");
            foreach (var (name, s) in rows) Console.WriteLine($"      {name[prefix.Length..],-44} {line(name, s)}");
        }
        static string Times(SeriesSummary s) => $"n={s.Count,6}  p50 {s.P50,7:0} ms  p95 {s.P95,7:0} ms  max {s.Max,7:0} ms";
        Console.WriteLine("  cost profile of the review phase (host side):");
        Section("Durable Task SDK spans by total time ([Server]: an activity's run, an orchestration's life; [Client]: an activity from scheduled to completed):", "span:", (_, s) => $"{Times(s)}  total {s.Total / 1000,7:0.0} s");
        Section("storage requests (all of the host's, engine included):", "storage:", (_, s) => $"{s.Count / (double)reports,6:0.0} per report  p50 {s.P50,5:0} ms  p95 {s.P95,5:0} ms  total {s.Total / 1000,7:0.0} s");
        Section("queue waits: a message's age when taken from its queue (TaskScheduled: work-item queue; the rest: control queues):", "queue-wait:", (_, s) => Times(s));
        Section("episode waits: a message's age when its orchestration episode began:", "episode-wait:", (_, s) => Times(s));
        Section("engine history per episode:", "history:", (_, s) => Times(s));
    }

    /// <summary>The host's peak resident memory, from /proc (Linux); elsewhere "n/a".</summary>
    private static string PeakMemory(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status)) return "n/a";
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? "n/a" : $"{long.Parse(line[6..].Trim().Split(' ')[0]) / 1024.0:0} MB";
    }

    private static double CpuSeconds(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Outcome(string Agency, IReadOnlyList<double> Latencies, string? Error);

    private sealed record FloorOutcome(IReadOnlyList<double> Latencies, int Failed);

    private static string ReviewerEmail(int level) => $"reviewer{level}@bench.example";

    /// <summary>Signs a reviewer in as a browser does: the form, the e-mailed link, its page and its form; the client keeps the session cookie.</summary>
    private static async Task<HttpClient> SignInAsync(Uri baseAddress, DevMailbox mailbox, string email)
    {
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 256 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };
        var form = await browser.GetStringAsync("sign-in");
        using (var asked = await browser.PostAsync("sign-in", SignInForms.Form(form, ("email", email))))
        {
            if (asked.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"POST /sign-in {email}: {(int)asked.StatusCode}");
        }
        var mail = await mailbox.WaitForAsync(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase) && m.Subject.StartsWith("【登录】", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        var link = SignInForms.Link(mail.TextBody ?? mail.HtmlBody) ?? throw new InvalidOperationException($"No sign-in link in: {mail.TextBody}");
        var page = await browser.GetStringAsync(link);
        using var signedIn = await browser.PostAsync(link, SignInForms.Form(page));
        if (signedIn.StatusCode != HttpStatusCode.SeeOther) throw new InvalidOperationException($"POST {link}: {(int)signedIn.StatusCode}");
        return browser;
    }

    private sealed class LoadRun(HttpClient http, IReadOnlyList<HttpClient> reviewers, TimeSpan poll) : IAsyncDisposable
    {
        private readonly StatusBoard _reports = new(http, "report-bench-", poll);
        private readonly StatusBoard _floor = new(http, "floor-", poll);
        private int _retries;
        public int Retries => _retries;

        /// <summary>The reports' last seen states, counted: runtime status, stage and level.</summary>
        public string Progress() => _reports.Summary();

        public async Task PrepareAsync(string agency, string seedText)
        {
            await ExpectAsync(await http.PostAsJsonAsync("api/agencies", new
            {
                id = agency,
                name = "红寺堡区审批服务管理局",
                kind = "department",
                supervisingOfficeEmail = "office@bench.example",
                drafter = new { name = "起草人", email = "drafter@bench.example" },
                reviewChain = Enumerable.Range(1, Levels).Select(level => new
                {
                    rule = "any",
                    reviewers = new[] { new { name = $"审核人{level}", email = ReviewerEmail(level) } },
                }).ToArray(),
            }), HttpStatusCode.Created);
            await ExpectAsync(await http.PostAsJsonAsync("api/reports", new { agencyId = agency, year = Year }), HttpStatusCode.Created);
            using var text = new StringContent(seedText, Encoding.UTF8, "text/plain");
            await ExpectAsync(await http.PutAsync($"api/reports/{agency}/{Year}/draft", text), HttpStatusCode.Created);
        }

        public async Task<Outcome> ReviewAsync(string agency)
        {
            var latencies = new List<double>();
            var instance = StorageNames.ReportKey(agency, Year);
            try
            {
                await ExpectAsync(await http.PostAsync($"api/reports/{agency}/{Year}/submit", null), HttpStatusCode.Accepted);
                await _reports.WaitForAsync(instance, s => s.Level == 1);
                for (var level = 1; level <= Levels; level++)
                {
                    var accepted = await DecideAsync(agency, level);
                    var next = level;
                    await _reports.WaitForAsync(instance, s => next < Levels ? s.Level == next + 1 : s.Stage != "InReview");
                    latencies.Add(accepted.Elapsed.TotalMilliseconds);
                }
                await _reports.WaitForAsync(instance, s => s.RuntimeStatus == "Completed" && s.Stage == "Published");
                return new Outcome(agency, latencies, null);
            }
            catch (Exception e)
            {
                return new Outcome(agency, latencies, e.Message);
            }
        }

        public async Task<FloorOutcome> FloorAsync(int count)
        {
            var ids = Enumerable.Range(1, count).Select(i => $"floor-{i:D4}").ToList();
            await ForEachAsync(ids, 16, async id =>
            {
                await ExpectAsync(await http.PostAsync($"testing/floor/{id}", null), HttpStatusCode.Accepted);
                await _floor.WaitForAsync(id, s => s.RuntimeStatus == "Running");
            });
            var results = await Task.WhenAll(ids.Select(async id =>
            {
                try
                {
                    await ExpectAsync(await http.PostAsync($"testing/instances/{id}/event?value=go", null), HttpStatusCode.Accepted);
                    var accepted = Stopwatch.StartNew();
                    await _floor.WaitForAsync(id, s => s.RuntimeStatus == "Completed");
                    return (double?)accepted.Elapsed.TotalMilliseconds;
                }
                catch (Exception)
                {
                    return null;
                }
            }));
            return new FloorOutcome(results.OfType<double>().ToList(), results.Count(r => r is null));
        }

        public async ValueTask DisposeAsync()
        {
            await _reports.DisposeAsync();
            await _floor.DisposeAsync();
        }

        /// <summary>Posts the approval; the clock starts at its 202. A 409 "not-current" means the index still shows the previous level: retry.</summary>
        private async Task<Stopwatch> DecideAsync(string agency, int level)
        {
            var deadline = DateTime.UtcNow + StepTimeout;
            while (true)
            {
                using var response = await reviewers[level - 1].PostAsJsonAsync($"api/reports/{agency}/{Year}/decisions", new
                {
                    level,
                    round = 1,
                    decision = "approve",
                    reviewConfirmed = true,
                    proofreadConfirmed = true,
                });
                if (response.StatusCode == HttpStatusCode.Accepted) return Stopwatch.StartNew();
                if (response.StatusCode != HttpStatusCode.Conflict || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"decision L{level}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                Interlocked.Increment(ref _retries);
                await Task.Delay(poll);
            }
        }

    }

    private sealed record Status(string RuntimeStatus, string? Stage, int? Level);

    /// <summary>
    /// Watches every instance with one id prefix through one query per poll (GET /testing/instances?prefix=…), so the
    /// benchmark's own reads do not grow with the number of reports: a read per instance every 100 ms is 5,000 reads a
    /// second at 500 reports, more than the storage emulator serves, and would measure the observer instead of the host.
    /// One waiter per instance at a time; each wait is bounded by <see cref="StepTimeout"/>.
    /// </summary>
    private sealed class StatusBoard(HttpClient http, string prefix, TimeSpan poll) : IAsyncDisposable
    {
        private sealed record Waiter(Func<Status, bool> Reached, TaskCompletionSource Done, DateTime Deadline);

        private readonly ConcurrentDictionary<string, Waiter> _waiters = new();
        private readonly ConcurrentDictionary<string, Status> _last = new();
        private readonly CancellationTokenSource _stop = new();
        private Task? _loop;

        public Task WaitForAsync(string instance, Func<Status, bool> reached)
        {
            var waiter = new Waiter(reached, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), DateTime.UtcNow + StepTimeout);
            _waiters[instance] = waiter;
            lock (_stop) _loop ??= Task.Run(LoopAsync);
            return waiter.Done.Task;
        }

        public string Summary() =>
            string.Join(", ", _last.Values.GroupBy(s => s.Stage == "InReview" ? $"{s.RuntimeStatus} InReview L{s.Level}" : $"{s.RuntimeStatus} {s.Stage ?? "-"}")
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}"));

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var statuses = await http.GetFromJsonAsync<List<JsonElement>>($"testing/instances?prefix={Uri.EscapeDataString(prefix)}", _stop.Token) ?? [];
                    foreach (var json in statuses)
                    {
                        var custom = json.GetProperty("customStatus").GetString() is { Length: > 0 } text ? JsonDocument.Parse(text).RootElement : default;
                        _last[json.GetProperty("instanceId").GetString()!] = new Status(json.GetProperty("runtimeStatus").GetString()!,
                            custom.ValueKind == JsonValueKind.Object && custom.TryGetProperty("stage", out var stage) ? stage.GetString() : null,
                            custom.ValueKind == JsonValueKind.Object && custom.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.Number ? level.GetInt32() : null);
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception)
                {
                    // A poll that failed (the host busy): the next one decides; the waits stay bounded by their deadlines.
                }
                var now = DateTime.UtcNow;
                foreach (var (instance, waiter) in _waiters)
                {
                    var last = _last.GetValueOrDefault(instance);
                    Exception? failure = last is null ? null
                        : waiter.Reached(last) ? null
                        : last.RuntimeStatus is "Failed" or "Terminated" ? new InvalidOperationException($"{instance} is {last.RuntimeStatus}")
                        : null;
                    if (last is not null && waiter.Reached(last) || failure is not null || now > waiter.Deadline)
                    {
                        if (!_waiters.TryRemove(new KeyValuePair<string, Waiter>(instance, waiter))) continue;
                        if (last is not null && waiter.Reached(last)) waiter.Done.TrySetResult();
                        else waiter.Done.TrySetException(failure ?? new TimeoutException($"{instance} stuck: {last}"));
                    }
                }
                try
                {
                    await Task.Delay(poll, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            if (_loop is not null) await _loop;
            _stop.Dispose();
        }
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    private static async Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, Task> action) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) => await action(item));

    private static string Summary(IReadOnlyList<double> values) =>
        values.Count == 0 ? "no samples" : $"p50 {Percentile(values, 50):0} ms, p95 {Percentile(values, 95):0} ms, max {values.Max():0} ms (n={values.Count})";

    private static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
