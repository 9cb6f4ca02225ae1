using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Idempotency;

namespace Platform.BuildingBlocks.Validation;

/// <summary>
/// The text a request carries outside its JSON body (the JSON is checked by <see cref="PlainTextJsonConverter"/>): the path,
/// every query value and a text body (a CSV import, a bank statement). A control character in any is a 400 naming it.
/// The body is read once, in pieces, and buffered for the endpoint; in the same pass an idempotent command's raw bytes are
/// hashed for its <see cref="RequestFingerprint"/>, whatever their content type.
/// </summary>
public sealed class PlainTextRequestMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (await FirstForbiddenFieldAsync(context) is { } field)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [field] = [Text.Common["error.control_characters"]],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Type = ProblemTypes.ControlCharacters,
                    Title = Text.Common["problem.control_characters"],
                },
            });
            return;
        }

        await next(context);
    }

    private static async Task<string?> FirstForbiddenFieldAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value is { } path && !PlainText.IsAllowed(path))
        {
            return "path";
        }

        foreach (var (name, values) in request.Query)
        {
            if (!PlainText.IsAllowed(name) || values.Any(value => value is not null && !PlainText.IsAllowed(value)))
            {
                return PlainText.IsAllowed(name) ? name : "query";
            }
        }

        var isText = request.ContentType is { } type && type.StartsWith("text/", StringComparison.OrdinalIgnoreCase);
        var fingerprinted = RequestFingerprint.IsWanted(context);
        if (!isText && !fingerprinted)
        {
            return null;
        }

        // Buffered (in memory up to 30 KiB, then in a temporary file) so the endpoint reads it again from the start.
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var body = fingerprinted ? new HashingReadStream(request.Body, hash) : request.Body;
        if (isText)
        {
            using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            if (!await PlainText.IsAllowedAsync(reader, context.RequestAborted))
            {
                return "body";
            }
        }

        if (fingerprinted)
        {
            await body.CopyToAsync(Stream.Null, context.RequestAborted);
            RequestFingerprint.SetBodyHash(context, hash.GetHashAndReset());
        }

        request.Body.Position = 0;
        return null;
    }

    /// <summary>Passes a body's bytes through as they are read, adding each to the hash.</summary>
    private sealed class HashingReadStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            hash.AppendData(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
