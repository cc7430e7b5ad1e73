using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Api;

/// <summary>RFC 7807 problem details. A problem about one input names it in "field" (a JSON path such as "drafter.email").</summary>
public static class Problems
{
    public static IResult Unauthorized() => Results.Problem(
        title: "Unauthorized",
        detail: $"Send the API key in the {ApiKeyCheck.HeaderName} header.",
        statusCode: StatusCodes.Status401Unauthorized);

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail, string? code = null, IDictionary<string, object?>? extensions = null)
    {
        var ext = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>());
        if (code is not null) ext["code"] = code;
        return Results.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict, extensions: ext);
    }

    /// <summary>Malformed input (400) or a broken rule (422), naming the field both in "field" and in "errors".</summary>
    public static IResult Field(string field, string message, int statusCode = StatusCodes.Status400BadRequest) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: $"{field}: {message}",
            statusCode: statusCode,
            title: statusCode == StatusCodes.Status400BadRequest ? "The request is malformed" : "The request breaks a rule",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult Fields(IReadOnlyDictionary<string, string[]> errors, int statusCode = StatusCodes.Status422UnprocessableEntity) =>
        Results.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value),
            detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            statusCode: statusCode,
            title: statusCode == StatusCodes.Status400BadRequest ? "The request is malformed" : "The request breaks a rule",
            extensions: new Dictionary<string, object?> { ["field"] = errors.Keys.FirstOrDefault() });
}
