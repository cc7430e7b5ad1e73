using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace InfoDisclosure.LocalHost.Seed;

/// <summary>
/// The demo a developer sees after <c>dotnet run</c>: an agency (红寺堡区审批服务管理局, the default three-level chain)
/// and its 2022 report with the seed text imported as the draft. Done through the host's own HTTP API, so it goes
/// through exactly the code a user's calls go through; each step is skipped when already done, so restarts are harmless.
/// </summary>
public static class DemoSeed
{
    public const string AgencyId = "demo-hongsibu";
    public const int Year = 2022;
    public const string SeedFileName = "2022_hongsibu_approval_bureau.txt";

    private static readonly object Agency = new
    {
        id = AgencyId,
        name = "红寺堡区审批服务管理局",
        kind = "department",
        supervisingOfficeEmail = "zwgk@demo.example",
        drafter = new { name = "张信息员", email = "drafter@demo.example" },
        reviewChain = new object[]
        {
            new { rule = "any", reviewers = new[] { new { name = "李编辑", email = "editor@demo.example" } } },
            new { rule = "any", reviewers = new[] { new { name = "王科长", email = "section-head@demo.example" } } },
            new { rule = "any", reviewers = new[] { new { name = "赵局长", email = "deputy-director@demo.example" } } },
        },
    };

    /// <summary>
    /// Everyone who can sign in to the demo: the drafter and the three reviewers have their roles from the agency
    /// (its drafter and its chain), the office person and the administrator are stored through PUT /api/people.
    /// </summary>
    public static readonly IReadOnlyList<(string Email, string Name, string? StoredRole)> People =
    [
        ("drafter@demo.example", "张信息员", null),
        ("editor@demo.example", "李编辑", null),
        ("section-head@demo.example", "王科长", null),
        ("deputy-director@demo.example", "赵局长", null),
        ("zwgk@demo.example", "钱主任（政务公开办）", "office"),
        ("admin@demo.example", "孙管理员", "admin"),
    ];

    /// <summary>How long the seed waits for the API to become ready (503 with Retry-After while the engine connects).</summary>
    private static readonly TimeSpan ReadinessWait = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Returns the demo report's API path, or null when a step is refused: the host then runs without the demo (the
    /// reason is printed) rather than stopping, since the demo is a convenience.
    /// </summary>
    public static async Task<string?> TryEnsureAsync(Uri baseAddress, string apiKey, string seedFile, CancellationToken ct)
    {
        try
        {
            return await EnsureAsync(baseAddress, apiKey, seedFile, ct);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"{e.Message}\nThe host runs without the demo report.");
            return null;
        }
    }

    /// <summary>Returns the demo report's API path, or throws with the API's answer when a step is refused.</summary>
    public static async Task<string> EnsureAsync(Uri baseAddress, string apiKey, string seedFile, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("x-functions-key", apiKey);
        var api = new ReadyApi(http, ct);
        var reportPath = $"api/reports/{AgencyId}/{Year}";

        using (var agency = await api.SendAsync(HttpMethod.Get, $"api/agencies/{AgencyId}"))
        {
            if (agency.StatusCode == HttpStatusCode.NotFound)
            {
                using var created = await api.SendAsync(HttpMethod.Post, "api/agencies", () => JsonContent.Create(Agency));
                await EnsureAsync(created, "creating the demo agency", HttpStatusCode.Created, HttpStatusCode.Conflict);
            }
            else
            {
                await EnsureAsync(agency, "reading the demo agency", HttpStatusCode.OK);
            }
        }

        foreach (var (email, name, role) in People.Where(p => p.StoredRole is not null))
        {
            using var person = await api.SendAsync(HttpMethod.Get, $"api/people/{email}");
            if (person.StatusCode != HttpStatusCode.NotFound) continue;
            using var stored = await api.SendAsync(HttpMethod.Put, $"api/people/{email}",
                () => JsonContent.Create(new { name, roles = new[] { new { role } } }));
            await EnsureAsync(stored, $"storing the demo person {email}", HttpStatusCode.Created, HttpStatusCode.OK);
        }

        using (var report = await api.SendAsync(HttpMethod.Get, reportPath))
        {
            if (report.StatusCode == HttpStatusCode.NotFound)
            {
                using var created = await api.SendAsync(HttpMethod.Post, "api/reports", () => JsonContent.Create(new { agencyId = AgencyId, year = Year }));
                await EnsureAsync(created, "creating the demo report", HttpStatusCode.Created, HttpStatusCode.Conflict);
            }
            else
            {
                await EnsureAsync(report, "reading the demo report", HttpStatusCode.OK);
            }
        }

        // The seed text is loaded once, over the pre-filled first version; later versions are the developer's own.
        using var current = await api.SendAsync(HttpMethod.Get, reportPath);
        await EnsureAsync(current, "reading the demo report", HttpStatusCode.OK);
        using var view = JsonDocument.Parse(await current.Content.ReadAsStringAsync(ct));
        if (view.RootElement.GetProperty("versions").GetArrayLength() <= 1)
        {
            var seedText = await File.ReadAllTextAsync(seedFile, ct);
            using var saved = await api.SendAsync(HttpMethod.Put, $"{reportPath}/draft", () => new StringContent(seedText, Encoding.UTF8, "text/plain"));
            await EnsureAsync(saved, "loading the seed report as the draft", HttpStatusCode.OK, HttpStatusCode.Created);
        }
        return "/" + reportPath;
    }

    /// <summary>Sends a request again while the API answers 503 (not ready yet), after its Retry-After, for up to <see cref="ReadinessWait"/>.</summary>
    private sealed class ReadyApi(HttpClient http, CancellationToken ct)
    {
        private readonly System.Diagnostics.Stopwatch _waited = System.Diagnostics.Stopwatch.StartNew();

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Func<HttpContent>? content = null)
        {
            while (true)
            {
                using var request = new HttpRequestMessage(method, path) { Content = content?.Invoke() };
                var response = await http.SendAsync(request, ct);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || _waited.Elapsed > ReadinessWait) return response;
                var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                response.Dispose();
                await Task.Delay(retryAfter, ct);
            }
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string step, params HttpStatusCode[] expected)
    {
        if (expected.Contains(response.StatusCode)) return;
        throw new InvalidOperationException($"Demo seed: {step} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
