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
-- or a `nocite`) and its CSL-JSON, separated by a tab. When `factdb-listing` names a file,
-- the filter writes there which reference is which, for factdb to keep each one: a line
-- `O<tab>id` for every reference in the style's order, then `E<tab>id<tab>0|1` for every
-- entry of the list it returns, in order (1: the entry prints nothing).
-- A group's CSL-JSON may hold stand-ins (ids beginning `factdb-witness-`): works that are
-- formatted with the group only so that its names are compared with the same names as in
-- the whole list; their entries are dropped.

local function read_file(path)
  local handle = assert(io.open(path, "r"))
  local text = handle:read("a")
  handle:close()
  return text
end

local function with_meta(doc, meta)
  for key, value in pairs(meta) do
    if key:sub(1, 7) ~= "factdb-" and doc.meta[key] == nil then
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
  local place, order = {}, {}
  if doc.meta["factdb-order"] then
    local order_csl, everything = pandoc.utils.stringify(doc.meta["factdb-order"]):match("^(.-)\t(.*)$")
    local sorting = with_meta(pandoc.read('---\nnocite: "@*"\n---\n', "markdown"), doc.meta)
    sorting.meta.csl = order_csl
    sorting.meta.bibliography = everything
    local sorted = refs_of(pandoc.utils.citeproc(sorting).blocks)
    for number, entry in ipairs(sorted and sorted.content or {}) do
      place[entry.identifier] = number
      order[#order + 1] = entry.identifier
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
          if entry.identifier:sub(1, 19) ~= "ref-factdb-witness-" then
            entries[#entries + 1] = {place = place[entry.identifier] or 0, seen = #entries, entry = entry}
          end
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
  if doc.meta["factdb-listing"] then
    local listing = assert(io.open(pandoc.utils.stringify(doc.meta["factdb-listing"]), "w"))
    if #order == 0 then
      for _, found in ipairs(entries) do
        order[#order + 1] = found.entry.identifier
      end
    end
    for _, identifier in ipairs(order) do
      listing:write("O\t", identifier, "\n")
    end
    for _, found in ipairs(entries) do
      local empty = pandoc.utils.stringify(found.entry) == "" and "1" or "0"
      listing:write("E\t", found.entry.identifier, "\t", empty, "\n")
    end
    listing:close()
  end
  doc.meta["factdb-groups"] = nil
  doc.meta["factdb-order"] = nil
  doc.meta["factdb-listing"] = nil
  return pandoc.Pandoc(body, doc.meta)
end
