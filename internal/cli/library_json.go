package cli

import (
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csljson"
	"github.com/cite-project/cite/internal/input"
	"github.com/cite-project/cite/internal/parsecache"
)

// loadCSLJSON reads a CSL-JSON library file of at most limit bytes,
// through the parse cache in cacheDir when it is not "" (see package
// parsecache): an unchanged file is not decoded again.
func loadCSLJSON(path string, limit int64, cacheDir string) (*bib.Library, []bib.Diagnostic, error) {
	var cache *parsecache.Cache
	if cacheDir != "" {
		cache = parsecache.Open(cacheDir, parsecache.Key{Kind: "csljson", Library: path})
	}
	rec, parsed, err := cache.Read(path,
		func() ([]byte, error) {
			data, err := input.ReadFile(path, limit)
			if err != nil {
				return nil, describeReadError(err)
			}
			return data, nil
		},
		func(data []byte) (*bib.Library, []bib.Diagnostic, error) {
			return csljson.Decode(path, data)
		})
	if err != nil {
		return nil, nil, err
	}
	if cache != nil && (parsed || cache.Len() != 1) {
		// A cache that cannot be written only means decoding again.
		_ = cache.Save([]*parsecache.File{rec})
	}
	lib := rec.Library
	lib.Files = []string{path}
	return lib, rec.Diags, nil
}
