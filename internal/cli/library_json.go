package cli

import (
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csljson"
	"github.com/cite-project/cite/internal/input"
	"github.com/cite-project/cite/internal/parsecache"
	"github.com/cite-project/cite/internal/store"
)

// loadCSLJSON reads a CSL-JSON library file of at most lim.MaxSize bytes,
// through the parse cache in lim.CacheDir when it is not "" (see package
// parsecache): an unchanged file is not decoded again. lim.Lean
// reads as store.LoadWith does.
func loadCSLJSON(path string, lim store.Limits) (*bib.Library, []bib.Diagnostic, error) {
	limit := lim.MaxSize
	var cache *parsecache.Cache
	if lim.CacheDir != "" {
		cache = parsecache.OpenWith(lim.CacheDir, parsecache.Key{Kind: "csljson", Library: path}, lim.CacheReading())
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
	if parsed { // the cache's record was read with CacheReading
		lim.Trim(lib)
	}
	lib.Files = []string{path}
	return lib, rec.Diags, nil
}
