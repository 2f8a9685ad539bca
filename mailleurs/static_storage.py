"""Production static files: WhiteNoise's compressed manifest storage, tolerant of a source-map
comment naming a file that is not shipped. `leaflet.markercluster.js` from PyPI
xstatic-leaflet-markercluster ends with `sourceMappingURL=leaflet.markercluster.js.map`, a file
the package does not include; the plain storage then makes `collectstatic` fail."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url_converter(self, name, hashed_files, *args, **kwargs):
        convert = super().url_converter(name, hashed_files, *args, **kwargs)

        def converter(matchobj):
            try:
                return convert(matchobj)
            except ValueError:
                if "sourceMappingURL" not in matchobj["matched"]:
                    raise
                return matchobj["matched"]  # left as is: only browser devtools read it

        return converter
