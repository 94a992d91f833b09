using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Zaitaku.Web.Operations;

/// <summary>
/// The console's static files (stylesheet, design tokens, scripts), embedded in the assembly so that
/// Zaitaku serves them itself wherever it runs: an LGWAN browser reaches no CDN.
/// Each URL carries a content hash, so browsers may cache them for a year.
/// </summary>
public static class EmbeddedAssets
{
    public const string RequestPath = "/assets";
    private const string ResourcePrefix = "wwwroot/";
    private static readonly Assembly Assembly = typeof(EmbeddedAssets).Assembly;
    private static readonly ConcurrentDictionary<string, string> Versions = new(StringComparer.Ordinal);

    public static IFileProvider FileProvider { get; } = new Provider();

    /// <summary>The URL of an asset with its version, e.g. <c>/assets/css/zaitaku.css?v=1a2b3c4d</c>.</summary>
    public static string Url(string path) =>
        $"{RequestPath}/{path}?v={Versions.GetOrAdd(path, Hash)}";

    private static string Hash(string path)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + path)
            ?? throw new InvalidOperationException($"The asset {path} is not embedded in {Assembly.GetName().Name}.");
        return Convert.ToHexString(SHA256.HashData(stream))[..12].ToLowerInvariant();
    }

    private sealed class Provider : IFileProvider
    {
        private readonly DateTimeOffset _built = File.GetLastWriteTimeUtc(Assembly.Location);

        public IFileInfo GetFileInfo(string subpath)
        {
            var name = ResourcePrefix + subpath.TrimStart('/');
            return Assembly.GetManifestResourceInfo(name) is null
                ? new NotFoundFileInfo(subpath)
                : new ResourceFile(name, Path.GetFileName(subpath), _built);
        }

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }

    private sealed class ResourceFile(string resource, string name, DateTimeOffset modified) : IFileInfo
    {
        public bool Exists => true;
        public long Length { get; } = GetLength(resource);
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => modified;
        public bool IsDirectory => false;

        public Stream CreateReadStream() => Assembly.GetManifestResourceStream(resource)!;

        private static long GetLength(string resource)
        {
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            return stream.Length;
        }
    }
}
