package readcache

import "container/list"

// lru holds answers up to a total cost (the number of graph elements they
// hold), dropping the least recently used first: the cache's memory is
// bounded by what it holds, not by how many answers.
type lru struct {
	budget, cost int
	order        *list.List // front: most recently used
	byKey        map[string]*list.Element
}

type entry struct {
	key   string
	value any
	cost  int
}

func newLRU(budget int) *lru {
	return &lru{budget: budget, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *lru) get(key string) (any, bool) {
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).value, true
}

// put stores the value unless it alone costs more than the budget.
func (c *lru) put(key string, value any, cost int) {
	if cost > c.budget {
		return
	}
	if el, ok := c.byKey[key]; ok {
		c.cost -= el.Value.(*entry).cost
		c.order.Remove(el)
	}
	c.byKey[key] = c.order.PushFront(&entry{key: key, value: value, cost: cost})
	c.cost += cost
	for c.cost > c.budget {
		oldest := c.order.Back()
		e := oldest.Value.(*entry)
		c.order.Remove(oldest)
		delete(c.byKey, e.key)
		c.cost -= e.cost
	}
}

func (c *lru) clear() {
	c.order.Init()
	clear(c.byKey)
	c.cost = 0
}
