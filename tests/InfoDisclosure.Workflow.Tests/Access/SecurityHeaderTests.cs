using System.Net;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Access;

/// <summary>The security headers come from one middleware: a 404, an error, JSON and the downloads have them too.</summary>
[Collection(LocalHostApiCollection.Name)]
public sealed class SecurityHeaderTests(LocalHostFixture host)
{
    [Theory]
    [InlineData("no/such/route", HttpStatusCode.NotFound)]
    [InlineData("api/agencies", HttpStatusCode.OK)]
    [InlineData("api/admin/overview?year=2022&format=csv", HttpStatusCode.OK)]
    [InlineData("api/reports?year=abc", HttpStatusCode.BadRequest)]
    [InlineData("sign-in", HttpStatusCode.OK)]
    public async Task Every_response_carries_the_security_headers(string path, HttpStatusCode status)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task The_stylesheet_may_be_cached_and_still_carries_the_other_headers()
    {
        using var response = await host.AnonymousClient.GetAsync("assets/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_unknown_address_gets_a_chinese_page_and_under_api_problem_details()
    {
        using var page = await host.AnonymousClient.GetAsync("no/such/page?x=<b>");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面不存在", html);
        Assert.Contains("/no/such/page", html);

        using var api = await host.AnonymousClient.GetAsync("api/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
