using System;
using System.Collections.Generic;

namespace DockerHarden.Views.Compose
{
    /// <summary>What an engine says of an image's USER: whether the image is there, its USER, or why it could not say.</summary>
    internal readonly record struct ImageUser(bool Known, string User, string Why);

    /// <summary>
    /// The USER of the images a compose file names, read from an engine only when the caller asks for it (so the compose
    /// view stays usable offline). Each image is asked once per call. The engine call itself is the caller's.
    /// </summary>
    internal sealed class ImageUsers
    {
        private readonly Func<string, ImageUser> _inspect;
        private readonly Dictionary<string, ImageUser> _cache = new(StringComparer.Ordinal);

        public ImageUsers(string endpoint, Func<string, ImageUser> inspect)
        {
            Endpoint = endpoint;
            _inspect = inspect;
        }

        /// <summary>The engine asked, as shown to users.</summary>
        public string Endpoint { get; }

        public ImageUser Of(string image)
        {
            if (!_cache.TryGetValue(image, out var user))
            {
                user = _inspect(image);
                _cache[image] = user;
            }

            return user;
        }
    }
}
