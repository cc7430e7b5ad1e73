using System.Text;
using InfoDisclosure.Workflow.Api;
using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Tests.Api;

/// <summary>How request bodies are read: the limit counts bytes, and a small body costs little memory.</summary>
public sealed class HttpInputsTests
{
    private static DefaultHttpContext Request(byte[] body, string contentType, bool withLength = true)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Put;
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(body);
        if (withLength) http.Request.ContentLength = body.Length;
        return http;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_body_limit_counts_bytes_not_characters(bool withLength)
    {
        // Fewer characters than the limit, more bytes: three per character in UTF-8.
        var text = new string('报', HttpInputs.MaxBodyBytes / 3 + 1);
        var (read, problem) = await HttpInputs.ReadTextAsync(Request(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", withLength), honourCharset: true);
        Assert.Null(read);
        var status = Assert.IsAssignableFrom<IStatusCodeHttpResult>(problem);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status.StatusCode);

        var (fits, none) = await HttpInputs.ReadTextAsync(Request(Encoding.UTF8.GetBytes(text[..^2]), "text/plain", withLength), honourCharset: true);
        Assert.Null(none);
        Assert.Equal(text.Length - 2, fits!.Length);
    }

    [Fact]
    public async Task A_small_json_body_is_read_without_a_large_buffer()
    {
        var body = """{"agencyId":"hsb-approval","year":2022}"""u8.ToArray();
        await ReadAsync();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var value = await ReadAsync();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("hsb-approval", value.AgencyId);
        Assert.True(allocated < 64 * 1024, $"Reading {body.Length} bytes allocated {allocated} bytes.");

        // Everything completes synchronously on a MemoryStream (checked), so the count above is this read's alone.
        async Task<CreateReportRequest> ReadAsync()
        {
            var task = HttpInputs.ReadJsonAsync<CreateReportRequest>(Request(body, "application/json"));
            Assert.True(task.IsCompletedSuccessfully);
            var (request, problem) = await task;
            Assert.Null(problem);
            return request!;
        }
    }
}
