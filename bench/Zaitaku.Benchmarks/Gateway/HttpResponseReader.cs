using System.Buffers.Text;
using System.Text;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>
/// Reads one HTTP/1.1 response incrementally with as little work as the load generator can get away with:
/// the status code, <c>Content-Length</c> or chunked framing, and <c>Connection: close</c>; the body is
/// skipped, never copied. One instance per connection, reset for each response.
/// </summary>
internal sealed class HttpResponseReader
{
    private enum Stage { Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailer, UntilClose, Done }

    private Stage _stage;
    private long _remaining;

    /// <summary>The status code of the response read so far (0 until the head is in).</summary>
    public int Status { get; private set; }

    /// <summary>Whether the server said it closes the connection after this response.</summary>
    public bool CloseAfter { get; private set; }

    /// <summary>Whether the whole response (body included) has been read.</summary>
    public bool IsComplete => _stage == Stage.Done;

    /// <summary>Whether the body runs to the end of the connection (no length given).</summary>
    public bool ReadsUntilClose => _stage == Stage.UntilClose;

    public void Reset()
    {
        _stage = Stage.Head;
        _remaining = 0;
        Status = 0;
        CloseAfter = false;
    }

    /// <summary>
    /// Consumes what it can of <paramref name="data"/>; returns how many bytes it used. Fewer than given
    /// means it needs more data to go on (a head or a chunk-size line not yet complete) or it is done.
    /// </summary>
    public int Consume(ReadOnlySpan<byte> data)
    {
        var used = 0;
        while (_stage != Stage.Done)
        {
            var rest = data[used..];
            switch (_stage)
            {
                case Stage.Head:
                {
                    var end = rest.IndexOf("\r\n\r\n"u8);
                    if (end < 0) return used;
                    ReadHead(rest[..(end + 2)]);
                    used += end + 4;
                    break;
                }
                case Stage.Body:
                case Stage.ChunkData:
                {
                    var take = (int)Math.Min(_remaining, rest.Length);
                    used += take;
                    _remaining -= take;
                    if (_remaining > 0) return used;
                    _stage = _stage == Stage.Body ? Stage.Done : Stage.ChunkEnd;
                    break;
                }
                case Stage.ChunkSize:
                {
                    var end = rest.IndexOf("\r\n"u8);
                    if (end < 0) return used;
                    var line = rest[..end];
                    var extension = line.IndexOf((byte)';');
                    if (extension >= 0) line = line[..extension];
                    if (!Utf8Parser.TryParse(line.Trim((byte)' '), out long size, out var parsed, 'X') || parsed != line.Trim((byte)' ').Length)
                        throw new InvalidDataException("bad chunk size");
                    used += end + 2;
                    _remaining = size;
                    _stage = size == 0 ? Stage.Trailer : Stage.ChunkData;
                    break;
                }
                case Stage.ChunkEnd:
                {
                    if (rest.Length < 2) return used;
                    if (rest[0] != '\r' || rest[1] != '\n') throw new InvalidDataException("chunk not followed by CRLF");
                    used += 2;
                    _stage = Stage.ChunkSize;
                    break;
                }
                case Stage.Trailer:
                {
                    var end = rest.IndexOf("\r\n"u8);
                    if (end < 0) return used;
                    used += end + 2;
                    if (end == 0) _stage = Stage.Done;
                    break;
                }
                case Stage.UntilClose:
                    return data.Length;
            }
        }
        return used;
    }

    /// <summary>The connection ended: completes a body that runs until close.</summary>
    public void EndOfStream()
    {
        if (_stage == Stage.UntilClose) _stage = Stage.Done;
    }

    /// <summary>The status line and headers, each line ending in CRLF.</summary>
    private void ReadHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
            throw new InvalidDataException("bad status line");
        Status = status;
        var lineEnd = head.IndexOf("\r\n"u8);
        var headers = head[(lineEnd + 2)..];
        long length = -1;
        var chunked = false;
        while (!headers.IsEmpty)
        {
            var end = headers.IndexOf("\r\n"u8);
            var line = headers[..end];
            headers = headers[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (name.Length == 14 && Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out length, out var parsed) || parsed != value.Length) throw new InvalidDataException("bad Content-Length");
            }
            else if (name.Length == 17 && Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
            }
            else if (name.Length == 10 && Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                CloseAfter = value.Length == 5 && Ascii.EqualsIgnoreCase(value, "close"u8);
            }
        }
        if (status is (>= 100 and < 200) or 204 or 304)
        {
            // 1xx are interim: a final response follows on the same connection.
            _stage = status < 200 ? Stage.Head : Stage.Done;
            return;
        }
        if (chunked) _stage = Stage.ChunkSize;
        else if (length >= 0)
        {
            _remaining = length;
            _stage = length == 0 ? Stage.Done : Stage.Body;
        }
        else
        {
            _stage = Stage.UntilClose;
            CloseAfter = true;
        }
    }
}
