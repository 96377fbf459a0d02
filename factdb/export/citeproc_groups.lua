-- Format each group of references with its own citeproc run, in one pandoc process.
--
-- citeproc's disambiguation (given names, year suffixes) costs time that grows with the
-- square of the references formatted together, but it only relates references whose
-- first authors share a family name: factdb groups them so (never splitting one name),
-- and this filter formats each group and joins them: every group's body in order, then
-- one list of references in the order the style sorts them, found by one more citeproc
-- run over every reference with a copy of the style that prints nothing (`factdb-order`:
-- that style and the CSL-JSON of every reference, separated by a tab; absent when there
-- is one group, whose order is citeproc's own).
-- The file named by `factdb-groups` lists one group a line: its Markdown (the citations,
-- or a `nocite`) and its CSL-JSON, separated by a tab.

local function read_file(path)
  local handle = assert(io.open(path, "r"))
  local text = handle:read("a")
  handle:close()
  return text
end

local function with_meta(doc, meta)
  for key, value in pairs(meta) do
    if key ~= "factdb-groups" and key ~= "factdb-order" and doc.meta[key] == nil then
      doc.meta[key] = value
    end
  end
  return doc
end

local function refs_of(blocks)
  for _, block in ipairs(blocks) do
    if block.t == "Div" and block.identifier == "refs" then
      return block
    end
  end
end

function Pandoc(doc)
  local place = {}
  if doc.meta["factdb-order"] then
    local order_csl, everything = pandoc.utils.stringify(doc.meta["factdb-order"]):match("^(.-)\t(.*)$")
    local sorting = with_meta(pandoc.read('---\nnocite: "@*"\n---\n', "markdown"), doc.meta)
    sorting.meta.csl = order_csl
    sorting.meta.bibliography = everything
    local sorted = refs_of(pandoc.utils.citeproc(sorting).blocks)
    for number, entry in ipairs(sorted and sorted.content or {}) do
      place[entry.identifier] = number
    end
  end
  local body, entries, refs = {}, {}, nil
  for line in io.lines(pandoc.utils.stringify(doc.meta["factdb-groups"])) do
    local markdown, items = line:match("^(.-)\t(.*)$")
    local group = with_meta(pandoc.read(read_file(markdown), "markdown"), doc.meta)
    group.meta.bibliography = items
    for _, block in ipairs(pandoc.utils.citeproc(group).blocks) do
      if block.t == "Div" and block.identifier == "refs" then
        refs = refs or block
        for _, entry in ipairs(block.content) do
          entries[#entries + 1] = {place = place[entry.identifier] or 0, seen = #entries, entry = entry}
        end
      else
        body[#body + 1] = block
      end
    end
  end
  if refs then
    table.sort(entries, function(a, b)
      if a.place ~= b.place then
        return a.place < b.place
      end
      return a.seen < b.seen
    end)
    local ordered = {}
    for _, found in ipairs(entries) do
      ordered[#ordered + 1] = found.entry
    end
    body[#body + 1] = pandoc.Div(ordered, refs.attr)
  end
  doc.meta["factdb-groups"] = nil
  doc.meta["factdb-order"] = nil
  return pandoc.Pandoc(body, doc.meta)
end
