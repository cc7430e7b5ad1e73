using System.Net;
using System.Net.Http.Json;
using System.Text;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;
using InfoDisclosure.Workflow.Web;

namespace InfoDisclosure.Workflow.Tests.Access;

/// <summary>
/// Every route × every kind of caller against the expected allow/deny table, on the running local host. "Allowed"
/// means the request got past the access gate (any answer but 401, 403 or the redirect to /sign-in); state-changing
/// form routes are sent without their anti-forgery token, so even an allowed one stops at the token (400) and the
/// callers keep their sessions. A route without an entry in <see cref="Expected"/> fails the test: add its row.
/// </summary>
[Collection(LocalHostApiCollection.Name)]
public sealed class RouteAccessTests(LocalHostFixture host)
{
    private const string Anonymous = "anonymous", DrafterA = "drafter-A", DrafterB = "drafter-B", ReviewerA = "reviewer-A",
        Office = "office", Admin = "admin", Key = "api-key";

    private static readonly string[] Callers = [Anonymous, DrafterA, DrafterB, ReviewerA, Office, Admin, Key];
    private static readonly string[] Everyone = Callers;
    private static readonly string[] SignedIn = [DrafterA, DrafterB, ReviewerA, Office, Admin, Key];
    private static readonly string[] AdminOnly = [Admin, Key];
    private static readonly string[] OfficeAndAdmin = [Office, Admin, Key];
    private static readonly string[] ReadersOfA = [DrafterA, ReviewerA, Office, Admin, Key];
    private static readonly string[] EditorsOfA = [DrafterA, Admin, Key];

    /// <summary>Who gets past the gate on each route (agencyId = agency A). One row per route of ApiRoutes.All.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["Agencies_Create"] = AdminOnly,
        ["Agencies_List"] = OfficeAndAdmin,
        ["Agencies_Get"] = ReadersOfA,
        ["Agencies_Update"] = AdminOnly,
        ["People_List"] = AdminOnly,
        ["People_Get"] = AdminOnly,
        ["People_Put"] = AdminOnly,
        ["People_Delete"] = AdminOnly,
        ["Reports_Create"] = AdminOnly,
        ["Reports_List"] = SignedIn,
        ["Reports_Get"] = ReadersOfA,
        ["Reports_SaveDraft"] = EditorsOfA,
        ["Reports_Submit"] = EditorsOfA,
        ["Reports_Decide"] = [ReviewerA],
        ["Reports_Preview"] = ReadersOfA,
        ["Reports_ExportDocx"] = ReadersOfA,
        ["Reports_Publish"] = AdminOnly,
        ["Reports_Resend"] = AdminOnly,
        ["Reports_Recover"] = AdminOnly,
        ["Overview_Json"] = OfficeAndAdmin,
        ["Overview_Summary"] = OfficeAndAdmin,
        ["Overview_Page"] = OfficeAndAdmin,
        ["Overview_Csv"] = OfficeAndAdmin,
        ["SignIn_Form"] = Everyone,
        ["SignIn_Request"] = Everyone,
        ["SignIn_Link"] = Everyone,
        ["SignIn_Redeem"] = Everyone,
        ["SignOut"] = SignedIn,
        ["SignOut_Everywhere"] = SignedIn,
        ["Review_Show"] = Everyone,
        ["Review_Head"] = Everyone,
        ["Review_Decide"] = Everyone,
        // GET / sends a known caller to /reports and anyone else to /sign-in.
        ["Workspace_Home"] = SignedIn,
        ["Workspace_Reports"] = SignedIn,
        ["Workspace_Report"] = ReadersOfA,
        ["Workspace_Submit"] = EditorsOfA,
        ["Workspace_Edit"] = EditorsOfA,
        ["Workspace_Save"] = EditorsOfA,
        ["Workspace_ImportForm"] = EditorsOfA,
        ["Workspace_ImportRead"] = EditorsOfA,
        ["Workspace_ImportConfirm"] = EditorsOfA,
        // Only a person on the agency's chain, never the key; the page then checks the level waits for them.
        ["Workspace_Review"] = [ReviewerA],
        ["Workspace_Decide"] = [ReviewerA],
        ["Workspace_Compare"] = ReadersOfA,
        ["Workspace_Preview"] = ReadersOfA,
        ["Workspace_Docx"] = ReadersOfA,
        ["Manage_Agencies"] = AdminOnly,
        ["Manage_Agency"] = AdminOnly,
        ["Manage_AgencySave"] = AdminOnly,
        ["Manage_People"] = AdminOnly,
        ["Manage_PersonAdd"] = AdminOnly,
        ["Manage_Person"] = AdminOnly,
        ["Manage_PersonSave"] = AdminOnly,
        ["Manage_PersonRemove"] = AdminOnly,
        ["Assets_Stylesheet"] = Everyone,
        ["Assets_Totals"] = Everyone,
        ["Health_Ready"] = Everyone,
        ["NotFound_Page"] = Everyone,
    };

    [Fact]
    public void Every_route_has_a_row_in_the_table()
    {
        var missing = ApiRoutes.All.Select(r => r.Name).Where(name => !Expected.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"Routes without an expected access row (add them to RouteAccessTests.Expected): {string.Join(", ", missing)}");
        Assert.Empty(Expected.Keys.Except(ApiRoutes.All.Select(r => r.Name)));
    }

    [Fact]
    public async Task Every_route_admits_exactly_the_callers_of_its_row()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var agencyA = $"access-a-{suffix}";
        var agencyB = $"access-b-{suffix}";
        var people = new Dictionary<string, string>
        {
            [DrafterA] = $"drafter-a-{suffix}@example.gov.cn",
            [DrafterB] = $"drafter-b-{suffix}@example.gov.cn",
            [ReviewerA] = $"reviewer-a-{suffix}@example.gov.cn",
            [Office] = $"office-{suffix}@example.gov.cn",
            [Admin] = $"admin-{suffix}@example.gov.cn",
        };
        var api = new ApiDriver(host);
        foreach (var (id, drafter) in new[] { (agencyA, people[DrafterA]), (agencyB, people[DrafterB]) })
        {
            var agency = ApiDriver.Agency(id, ApiDriver.Level("any", ("审核人", id == agencyA ? people[ReviewerA] : $"other-{suffix}@example.gov.cn")),
                ApiDriver.Level("any", ("复审人", $"l2-{id}@example.gov.cn")), ApiDriver.Level("any", ("终审人", $"l3-{id}@example.gov.cn")));
            agency["drafter"] = ApiDriver.Person("起草人", drafter);
            await api.CreateAgencyAsync(agency);
        }
        using (var created = await api.CreateReportAsync(agencyA, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var (role, caller) in new[] { ("office", Office), ("admin", Admin) })
        {
            using var put = await host.Client.PutAsJsonAsync($"api/people/{people[caller]}", new { name = caller, roles = new[] { new { role } } });
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var clients = new Dictionary<string, HttpClient> { [Anonymous] = SignInDriver.Browser(host), [Key] = host.Client };
        foreach (var (caller, email) in people) clients[caller] = await SignInDriver.SignInAsync(host, email);

        var wrong = new List<string>();
        foreach (var route in ApiRoutes.All)
        {
            var path = "/" + route.Template.Replace(ApiRoutes.HomeTemplate, "").Replace("{agencyId}", agencyA).Replace("{year}", "2022")
                .Replace("{token}", ReviewLinkTokens.NewToken()).Replace(NotFoundEndpoint.Template, "no-such-page").Replace("{email}", $"nobody-{suffix}@example.gov.cn");
            foreach (var caller in Callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                // Each request from its own address: the link guesses of this table must not trip the per-client limit.
                request.Headers.Add("X-Forwarded-For", SignInDriver.NewClientAddress());
                if (route.Method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await clients[caller].SendAsync(request);
                var admitted = !(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                                 || (response.StatusCode == HttpStatusCode.SeeOther && response.Headers.Location?.OriginalString.StartsWith("/sign-in", StringComparison.Ordinal) == true));
                var expected = Expected.TryGetValue(route.Name, out var row) && row.Contains(caller);
                if (admitted != expected) wrong.Add($"{route.Name} {route.Method} {path} as {caller}: {(int)response.StatusCode}, expected {(expected ? "allowed" : "refused")}");
            }
        }
        foreach (var (caller, client) in clients) if (caller != Key) client.Dispose();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
