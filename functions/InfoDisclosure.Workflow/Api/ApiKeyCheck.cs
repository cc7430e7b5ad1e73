using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Api;

/// <summary>The x-functions-key check of every /api route, done before the handler runs so a refused call changes nothing.</summary>
public static class ApiKeyCheck
{
    public const string HeaderName = "x-functions-key";

    public static ApiHandler Require(ApiHandler handler) => (http, durable, route) =>
    {
        var options = http.RequestServices.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        return IsAuthorized(http.Request.Headers[HeaderName].ToString(), options.ApiKey)
            ? handler(http, durable, route)
            : Task.FromResult(Problems.Unauthorized());
    };

    /// <summary>Constant-time comparison; an unconfigured key refuses every call rather than allowing all.</summary>
    public static bool IsAuthorized(string? presented, string configured)
    {
        if (string.IsNullOrEmpty(configured) || string.IsNullOrEmpty(presented)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured));
    }
}
