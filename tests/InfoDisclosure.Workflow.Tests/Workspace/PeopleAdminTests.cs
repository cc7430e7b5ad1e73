using System.Net;
using System.Text.Json.Nodes;
using InfoDisclosure.Workflow.Tests.Access;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Workspace;

/// <summary>
/// The administrator's pages for people: add, change roles, remove; bad input refused in Chinese naming the field with
/// nothing stored; a forged POST without the anti-forgery token changes nothing; the person's new role takes effect.
/// </summary>
[Collection(LocalHostApiCollection.Name)]
public sealed class PeopleAdminTests(LocalHostFixture host)
{
    [Fact]
    public async Task An_administrator_adds_a_person_changes_their_roles_and_removes_them_from_the_pages()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var admin = $"admin-{suffix}@example.gov.cn";
        var person = $"Office-{suffix}@Example.gov.cn";
        var stored = person.ToLowerInvariant();
        var agency = ApiDriver.NewAgencyId("people");
        var api = new ApiDriver(host);
        await api.CreateAgencyAsync(ApiDriver.Agency(agency, ApiDriver.Level("any", ("甲", $"a-{agency}@example.gov.cn")),
            ApiDriver.Level("any", ("乙", $"b-{agency}@example.gov.cn")), ApiDriver.Level("any", ("丙", $"c-{agency}@example.gov.cn"))));
        using (var put = await host.Client.PutAsync($"api/people/{admin}", Json(new JsonObject { ["name"] = "管理员", ["roles"] = new JsonArray(new JsonObject { ["role"] = "admin" }) })))
        {
            Assert.True(put.IsSuccessStatusCode);
        }
        var browser = await SignInDriver.SignInAsync(host, admin);

        var list = await browser.GetStringAsync("manage/people");
        Assert.Contains("添加人员", list);
        Assert.Contains($"value=\"{agency}\"", list);
        // The agency's reviewers can sign in without a People row: the list shows them too, with the role the chain gives.
        Assert.Contains("id=\"from-agencies\"", list);
        var fromAgencies = list[list.IndexOf("id=\"from-agencies\"", StringComparison.Ordinal)..];
        Assert.Contains($"<tr data-person=\"b-{agency}@example.gov.cn\">", fromAgencies);
        Assert.Matches($"b-{agency}@example\\.gov\\.cn</td>\\s*<td data-label=\"角色\">[^<]*的[^<]*审核人", fromAgencies);

        // Bad input: the address and the name are named, in Chinese, and nobody is stored.
        using (var bad = await browser.PostAsync("manage/people", SignInDriver.Form(list, ("email", "not-an-address"), ("name", ""), ("office", "on"))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            var html = await bad.Content.ReadAsStringAsync();
            Assert.Contains("<a href=\"#email\">邮箱</a>", html);
            Assert.Contains("<a href=\"#name\">姓名</a>", html);
            Assert.Contains("value=\"not-an-address\"", html);
        }
        using (var none = await host.Client.GetAsync("api/people/not-an-address")) Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        // A forged POST without the form token stores nothing.
        using (var forged = await browser.PostAsync("manage/people", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = person, ["name"] = "伪造", ["admin"] = "on" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        using (var none = await host.Client.GetAsync($"api/people/{stored}")) Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        using (var added = await browser.PostAsync("manage/people", SignInDriver.Form(list, ("email", person), ("name", "周主管"), ("office", "on"))))
        {
            Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
            Assert.Equal($"/manage/people/{Uri.EscapeDataString(stored)}?saved=1", added.Headers.Location!.OriginalString);
        }
        Assert.Equal("office", (string)(await Person(stored))["roles"]![0]!["role"]!);
        using (var again = await browser.PostAsync("manage/people", SignInDriver.Form(list, ("email", person), ("name", "周主管"))))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // The office person signs in and sees every agency; then becomes the agency's drafter instead.
        var office = await SignInDriver.SignInAsync(host, stored);
        Assert.Contains("您可以查看所有单位的报告", await office.GetStringAsync("reports"));
        var page = await browser.GetStringAsync($"manage/people/{stored}");
        Assert.Matches("name=\"office\" value=\"on\" checked", page);
        using (var unknown = await browser.PostAsync($"manage/people/{stored}", SignInDriver.Form(page, ("name", "周主管"), ("drafter", "no-such-agency"))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
            Assert.Contains("没有单位代码为“no-such-agency”的单位", await unknown.Content.ReadAsStringAsync());
        }
        using (var changed = await browser.PostAsync($"manage/people/{stored}", SignInDriver.Form(page, ("name", "周起草"), ("drafter", agency))))
        {
            Assert.Equal(HttpStatusCode.SeeOther, changed.StatusCode);
        }
        var roles = (await Person(stored))["roles"]!.AsArray();
        Assert.Equal(("drafter", agency), ((string)roles.Single()!["role"]!, (string)roles.Single()!["agencyId"]!));
        using (var overview = await office.GetAsync("overview")) Assert.Equal(HttpStatusCode.Forbidden, overview.StatusCode);

        // The administrator cannot remove themselves; removing the person ends their access.
        var own = await browser.GetStringAsync($"manage/people/{admin}");
        using (var self = await browser.PostAsync($"manage/people/{admin}/remove", SignInDriver.Form(own))) Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        using (var removed = await browser.PostAsync($"manage/people/{stored}/remove", SignInDriver.Form(page)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        }
        using (var gone = await host.Client.GetAsync($"api/people/{stored}")) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains(stored, await browser.GetStringAsync("manage/people?removed=" + stored));
        using (var after = await office.GetAsync("reports")) Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<JsonObject> Person(string email) => JsonNode.Parse(await host.Client.GetStringAsync($"api/people/{email}"))!.AsObject();

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
