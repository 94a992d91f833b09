using Microsoft.Extensions.DependencyInjection;

namespace Zaitaku.Gateway;

/// <summary>The gateway's group-commit writers keep one database writer open across batches, with the scope that owns its context.</summary>
internal static class KeptWriter
{
    /// <summary>Disposes the writer and its scope (a broken connection may throw: it is dropped anyway); returns nothing to keep.</summary>
    public static async Task<(T?, AsyncServiceScope?)> CloseAsync<T>(T? writer, AsyncServiceScope? scope) where T : class, IAsyncDisposable
    {
        try
        {
            if (writer is not null) await writer.DisposeAsync();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // A broken connection is being dropped anyway.
        }
        if (scope is { } s) await s.DisposeAsync();
        return (null, null);
    }
}
